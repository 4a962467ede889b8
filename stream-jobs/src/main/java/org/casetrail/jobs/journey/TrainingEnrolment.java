package org.casetrail.jobs.journey;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.casetrail.schemas.event.Course;

/**
 * One enrolment in a course. Completed by the first completion of that course on or after the
 * enrolment, else dropped by a drop of that course on or after it, else still running.
 */
public record TrainingEnrolment(
        Course course, LocalDate enrolled, LocalDate completed, boolean dropped, boolean workingWithin6Months) {

    public boolean isCompleted() {
        return completed != null;
    }

    public boolean isDropped() {
        return completed == null && dropped;
    }

    public long courseDays() {
        return ChronoUnit.DAYS.between(enrolled, completed);
    }
}
