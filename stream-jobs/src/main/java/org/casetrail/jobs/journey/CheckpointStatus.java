package org.casetrail.jobs.journey;

/** A case's status at a follow-up checkpoint. */
public enum CheckpointStatus {
    STABLE,
    AT_RISK,
    RE_TRAFFICKED,
    LOST_CONTACT,
    NO_FOLLOW_UP,
    PENDING;

    /** Counted as followed up: any status other than LOST_CONTACT, NO_FOLLOW_UP or PENDING. */
    public boolean followedUp() {
        return this == STABLE || this == AT_RISK || this == RE_TRAFFICKED;
    }

    /** Counted as contact lost: LOST_CONTACT or NO_FOLLOW_UP. */
    public boolean contactLost() {
        return this == LOST_CONTACT || this == NO_FOLLOW_UP;
    }
}
