package org.casetrail.jobs.journey;

import java.time.LocalDate;

/** A scrubbed testimony and the changed name it is published under. */
public record Testimony(String eventId, String changedName, LocalDate recordedOn, String text) {}
