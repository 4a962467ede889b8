package org.casetrail.ingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.casetrail.schemas.event.RejectReason;

/** Typed reads of one JSON object, each failing with the reason code and field name only. */
final class Fields {

    private final JsonNode object;
    private final String prefix;

    Fields(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    String name(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    boolean present(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    String requiredText(String field) throws InvalidRecord {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw new InvalidRecord(RejectReason.MISSING_FIELD, name(field));
        }
        return value;
    }

    String optionalText(String field) throws InvalidRecord {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRecord(RejectReason.WRONG_TYPE, name(field));
        }
        return node.textValue();
    }

    Boolean optionalBoolean(String field) throws InvalidRecord {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidRecord(RejectReason.WRONG_TYPE, name(field));
        }
        return node.booleanValue();
    }

    boolean requiredBoolean(String field) throws InvalidRecord {
        Boolean value = optionalBoolean(field);
        if (value == null) {
            throw new InvalidRecord(RejectReason.MISSING_FIELD, name(field));
        }
        return value;
    }

    int requiredInt(String field) throws InvalidRecord {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecord(RejectReason.MISSING_FIELD, name(field));
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidRecord(RejectReason.WRONG_TYPE, name(field));
        }
        return node.intValue();
    }

    List<String> optionalTextList(String field) throws InvalidRecord {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidRecord(RejectReason.WRONG_TYPE, name(field));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidRecord(RejectReason.WRONG_TYPE, name(field));
            }
            values.add(item.textValue());
        }
        return values;
    }

    <E extends Enum<E>> E requiredEnum(String field, Class<E> type) throws InvalidRecord {
        E value = optionalEnum(field, type);
        if (value == null) {
            throw new InvalidRecord(RejectReason.MISSING_FIELD, name(field));
        }
        return value;
    }

    <E extends Enum<E>> E optionalEnum(String field, Class<E> type) throws InvalidRecord {
        String text = optionalText(field);
        if (text == null) {
            return null;
        }
        return enumValue(text, type, name(field));
    }

    static <E extends Enum<E>> E enumValue(String text, Class<E> type, String fieldName) throws InvalidRecord {
        // UNKNOWN is the schema-evolution fallback of the log, never a value an export may carry.
        if (text.equals("UNKNOWN")) {
            throw new InvalidRecord(RejectReason.BAD_ENUM_VALUE, fieldName);
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord(RejectReason.BAD_ENUM_VALUE, fieldName);
        }
    }

    Fields object(String field) throws InvalidRecord {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRecord(RejectReason.WRONG_TYPE, name(field));
        }
        return new Fields(node, name(field));
    }

    /** A date, or the date part of a date-time with offset (in that offset). */
    LocalDate date(String field, boolean required) throws InvalidRecord {
        String text = required ? requiredText(field) : optionalText(field);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate usual = IsoDates.date(text);
                return usual != null ? usual : LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            }
            OffsetDateTime usual = IsoDates.dateTime(text);
            return (usual != null ? usual : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidRecord(RejectReason.BAD_DATE, name(field));
        }
    }

    /** An instant: a date-time with offset, or a date taken as its start in UTC. */
    Instant instant(String field) throws InvalidRecord {
        String text = optionalText(field);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate usual = IsoDates.date(text);
                return (usual != null ? usual : LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE))
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant();
            }
            OffsetDateTime usual = IsoDates.dateTime(text);
            return (usual != null ? usual : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .toInstant();
        } catch (DateTimeException e) {
            throw new InvalidRecord(RejectReason.BAD_DATE, name(field));
        }
    }
}
