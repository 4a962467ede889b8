package org.casetrail.jobs.journey;

/** The outcome of one follow-up window: its status and, for a follow-up, whether she was independent. */
public record Checkpoint(FollowUpWindow window, CheckpointStatus status, boolean economicallyIndependent) {}
