package org.casetrail.warehouse;

/** Something about the warehouse the user can fix; the message is for that user. */
public class WarehouseException extends RuntimeException {
    public WarehouseException(String message) {
        super(message);
    }

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
