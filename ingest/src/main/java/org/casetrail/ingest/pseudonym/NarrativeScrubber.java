package org.casetrail.ingest.pseudonym;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes a person's identifiers from a free-text narrative before it leaves ingest.
 *
 * <p>Her names (given, family, aliases and every part of them, in any order, case, spacing or
 * punctuation, Latin or Khmer script, possessive or not) become her changed name; her phone
 * number in any usual spelling becomes {@code [phone]}, her ID number {@code [id]}, her e-mail
 * {@code [email]}, her village {@code [village]} and her birth date in the common date spellings
 * {@code [birth date]}. Then, because free text is where identities hide, every remaining e-mail
 * address and every remaining run of seven or more digits is replaced too, whoever it belongs to.
 */
public final class NarrativeScrubber {

    private static final Pattern ANY_EMAIL =
            Pattern.compile("[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}.\\-]+\\.[\\p{L}]{2,}");
    /** A digit run that may contain the separators people type into phone and ID numbers. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\(?\\+?\\(?\\d[\\d\\s().\\-/]*\\d");

    private static final int LONGEST_HARMLESS_NUMBER = 6;
    // The fixed patterns compiled once (String.replaceAll, split and matches compile on every call).
    private static final Pattern NON_DIGIT = Pattern.compile("\\D");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{1,4}[./\\-]\\d{1,2}[./\\-]\\d{1,4}");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[\\s\\-_.,]+");
    private static final Pattern SPACES_OR_HYPHENS = Pattern.compile("[\\s\\-]+");
    private static final String NAME_JOINER = "[\\s\\-_.,·]*";
    private static final String[] MONTH_NAMES = monthNames(TextStyle.FULL);
    private static final String[] MONTH_SHORT_NAMES = monthNames(TextStyle.SHORT);

    private NarrativeScrubber() {}

    public static String scrub(String narrative, PersonIdentifiers person, String changedName) {
        String text = Normalizer.normalize(narrative, Normalizer.Form.NFC);
        text = replaceEmails(text, person.email());
        text = replaceDigitRuns(text, person.phone(), person.nationalId());
        text = replaceBirthDate(text, person.dateOfBirth());
        text = replacePhrase(text, person.village(), "[village]");
        text = replaceNames(text, person, changedName);
        return text;
    }

    private static String replaceEmails(String text, String email) {
        String own = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
        String result = text;
        // Every address holds an @; without one the pattern, which tries each word from each of
        // its letters, can only fail, slowly.
        if (text.indexOf('@') >= 0) {
            Matcher m = ANY_EMAIL.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, "[email]");
            }
            m.appendTail(out);
            result = out.toString();
        }
        if (own != null && !own.isEmpty()) {
            result = Pattern.compile(Pattern.quote(own), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(result)
                    .replaceAll("[email]");
        }
        return result;
    }

    private static String replaceDigitRuns(String text, String phone, String nationalId) {
        String ownPhone = phoneDigits(phone);
        String ownId = nationalId == null ? "" : NON_DIGIT.matcher(nationalId).replaceAll("");
        Matcher m = DIGIT_RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            String digits = NON_DIGIT.matcher(run).replaceAll("");
            String replacement;
            if (!ownPhone.isEmpty() && phoneDigits(run).equals(ownPhone)) {
                replacement = "[phone]";
            } else if (!ownId.isEmpty() && digits.equals(ownId)) {
                replacement = "[id]";
            } else if (digits.length() > LONGEST_HARMLESS_NUMBER && !looksLikeDate(run)) {
                replacement = "[number]";
            } else {
                replacement = run;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The national significant number: +855 12 345 678, 855 12..., 012-345-678 are one phone. */
    static String phoneDigits(String phone) {
        if (phone == null) {
            return "";
        }
        String digits = NON_DIGIT.matcher(phone).replaceAll("");
        if (digits.startsWith("00855")) {
            digits = digits.substring(5);
        } else if (digits.startsWith("855") && digits.length() >= 11) {
            digits = digits.substring(3);
        }
        while (digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        return digits;
    }

    private static boolean looksLikeDate(String run) {
        return DATE_LIKE.matcher(run).matches();
    }

    private static String replaceBirthDate(String text, LocalDate dob) {
        if (dob == null) {
            return text;
        }
        int d = dob.getDayOfMonth();
        int m = dob.getMonthValue();
        int y = dob.getYear();
        // Every form below holds the year's digits as written, so a text without them holds no
        // form, and the patterns (compiled anew for each person) need not be built.
        if (!text.contains(Integer.toString(y))) {
            return text;
        }
        String dd = "0?" + d;
        String mm = "0?" + m;
        String sep = "\\s*[./\\-]\\s*";
        String month = MONTH_NAMES[m - 1];
        String monthShort = MONTH_SHORT_NAMES[m - 1];
        String monthName = "(?:" + month + "|" + monthShort + "\\.?)";
        String day = d + "(?:st|nd|rd|th)?";
        List<String> forms =
                new ArrayList<>(List.of(y + sep + mm + sep + dd, dd + sep + mm + sep + y, mm + sep + dd + sep + y));
        // The spelled-out forms hold the month's full or short name: ASCII letters, which
        // case-insensitive matching folds one to one, as toLowerCase does.
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains(month.toLowerCase(Locale.ROOT)) || lower.contains(monthShort.toLowerCase(Locale.ROOT))) {
            forms.add("(?:the\\s+)?" + day + "(?:\\s+of)?\\s+" + monthName + ",?\\s+" + y);
            forms.add(monthName + "\\s+" + day + ",?\\s+" + y);
        }
        for (String form : forms) {
            text = Pattern.compile("(?<![\\d])" + form + "(?![\\d])", Pattern.CASE_INSENSITIVE)
                    .matcher(text)
                    .replaceAll("[birth date]");
        }
        return text;
    }

    /** English month names, looked up once: each lookup goes through the locale data. */
    private static String[] monthNames(TextStyle style) {
        String[] names = new String[12];
        for (Month month : Month.values()) {
            names[month.ordinal()] = month.getDisplayName(style, Locale.ENGLISH);
        }
        return names;
    }

    private static String replacePhrase(String text, String phrase, String placeholder) {
        if (phrase == null || phrase.isBlank()) {
            return text;
        }
        List<String> parts = List.of(SPACES_OR_HYPHENS.split(phrase.strip()));
        StringBuilder pattern = new StringBuilder();
        for (String part : parts) {
            if (pattern.length() > 0) {
                pattern.append(NAME_JOINER);
            }
            pattern.append(Pattern.quote(part));
        }
        return Pattern.compile(bounded(pattern.toString(), phrase), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text)
                .replaceAll(Matcher.quoteReplacement(placeholder));
    }

    /**
     * Any run of her name parts, in any order and with any joiners between them, becomes one
     * changed name: "Chan Srey Neang", "Neang", "SREY-NEANG's", "Chan, Neang" all do.
     */
    private static String replaceNames(String text, PersonIdentifiers person, String changedName) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String name : person.names()) {
            String normalized = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
            String[] parts = NAME_SEPARATORS.split(normalized);
            tokens.add(String.join("", parts));
            for (String part : parts) {
                if (!part.isEmpty()) {
                    tokens.add(part);
                }
            }
        }
        if (tokens.isEmpty()) {
            return text;
        }
        List<String> sorted = new ArrayList<>(tokens);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> alternatives = new ArrayList<>();
        for (String token : sorted) {
            alternatives.add(bounded(Pattern.quote(token), token));
        }
        String one = "(?:" + String.join("|", alternatives) + ")";
        Pattern run = Pattern.compile(
                one + "(?:" + NAME_JOINER + one + ")*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return run.matcher(text).replaceAll(Matcher.quoteReplacement(changedName));
    }

    /**
     * Word boundaries for Latin-script text. Khmer script writes words without spaces and with
     * combining marks, where \b means nothing useful, so a Khmer name matches wherever it stands.
     */
    private static String bounded(String pattern, String sample) {
        boolean latin = sample.codePoints().allMatch(cp -> cp < 0x0250 || Character.isWhitespace(cp));
        return latin ? "(?<![\\p{L}\\p{N}])" + pattern + "(?![\\p{L}\\p{N}])" : pattern;
    }
}
