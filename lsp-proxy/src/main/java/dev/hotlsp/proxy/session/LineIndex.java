package dev.hotlsp.proxy.session;

import java.util.Arrays;

/**
 * The offsets at which lines start in a text, where {@code \r\n}, {@code \n} and a lone {@code \r}
 * each end a line; kept up to date by {@link #splice} in time proportional to the number of lines
 * after the edit plus the length of the inserted text, not the whole text. Not thread-safe.
 */
final class LineIndex {
  private int[] starts;
  private int size;

  private LineIndex(int[] starts, int size) {
    this.starts = starts;
    this.size = size;
  }

  static LineIndex of(CharSequence text) {
    LineIndex index = new LineIndex(new int[16], 0);
    index.splice(text, 0, 0, text.length());
    return index;
  }

  int lineCount() {
    return size;
  }

  int start(int line) {
    return starts[line];
  }

  /**
   * Updates the index after the text's old range [{@code from}, {@code oldTo}) was replaced by
   * {@code insertedLength} characters; {@code text} is the text after the edit.
   */
  void splice(CharSequence text, int from, int oldTo, int insertedLength) {
    int lo = firstAtLeast(from);
    int hi = firstAtLeast(oldTo + 1);
    int[] fresh = new int[4];
    int count = 0;
    for (int i = from, last = from + insertedLength; i <= last; i++) {
      if (isLineStart(text, i)) {
        if (count == fresh.length) {
          fresh = Arrays.copyOf(fresh, count * 2);
        }
        fresh[count++] = i;
      }
    }
    int tail = size - hi;
    int newSize = lo + count + tail;
    if (newSize > starts.length) {
      starts = Arrays.copyOf(starts, Math.max(newSize, starts.length * 2));
    }
    System.arraycopy(starts, hi, starts, lo + count, tail);
    System.arraycopy(fresh, 0, starts, lo, count);
    int delta = insertedLength - (oldTo - from);
    for (int i = lo + count; i < newSize; i++) {
      starts[i] += delta;
    }
    size = newSize;
  }

  private static boolean isLineStart(CharSequence text, int i) {
    if (i == 0) {
      return true;
    }
    char before = text.charAt(i - 1);
    return before == '\n' || (before == '\r' && (i == text.length() || text.charAt(i) != '\n'));
  }

  /** The index of the first start at or after {@code offset}, or {@code size} if none. */
  private int firstAtLeast(int offset) {
    int found = Arrays.binarySearch(starts, 0, size, offset);
    return found >= 0 ? found : -found - 1;
  }
}
