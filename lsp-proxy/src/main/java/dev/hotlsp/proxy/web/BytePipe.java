package dev.hotlsp.proxy.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded pipe from the WebSocket's frames to a stream reader: {@link #write} blocks while
 * {@code capacity} bytes wait to be read (so a slow reader stops the socket being read), the
 * reader sees end of stream after {@link #close}. Unlike {@link java.io.PipedInputStream} the
 * writer may be any thread (Jetty's pool changes threads). Thread-safe.
 */
final class BytePipe extends InputStream {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final long capacity;
  private byte[] head;
  private int headOffset;
  private long buffered;
  private boolean closed;

  BytePipe(long capacity) {
    this.capacity = capacity;
  }

  /** Appends a copy of {@code bytes}, waiting while the pipe is full; dropped once closed. */
  void write(byte[] bytes) throws InterruptedException {
    lock.lock();
    try {
      while (!closed && buffered >= capacity) {
        writable.await();
      }
      if (closed || bytes.length == 0) {
        return;
      }
      chunks.addLast(bytes);
      buffered += bytes.length;
      readable.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The reader gets what is buffered, then end of stream. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int read() throws IOException {
    var one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (head == null && chunks.isEmpty() && !closed) {
        readable.await();
      }
      if (head == null) {
        head = chunks.pollFirst();
        headOffset = 0;
        if (head == null) {
          return -1;
        }
      }
      int n = Math.min(len, head.length - headOffset);
      System.arraycopy(head, headOffset, buf, off, n);
      headOffset += n;
      buffered -= n;
      if (headOffset == head.length) {
        head = null;
      }
      writable.signalAll();
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading the WebSocket");
    } finally {
      lock.unlock();
    }
  }
}
