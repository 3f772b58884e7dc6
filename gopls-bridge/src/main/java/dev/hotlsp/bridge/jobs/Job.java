package dev.hotlsp.bridge.jobs;

import java.util.concurrent.CompletableFuture;

/** One started go command of a {@link JobLane}: its outcome to come, and how to stop it. */
public interface Job<O> {
  /** Completes when the command has ended (a stopped command's outcome is dropped). */
  CompletableFuture<O> outcome();

  /** Stops the command's whole process tree; returns when it has ended. */
  void stop();
}
