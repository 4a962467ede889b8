package org.casetrail.warehouse.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML file: styles inline, charts as inline SVG, no script and
 * no address of anything on a network, so it can be e-mailed, opened offline and printed. Every
 * value from the release is escaped.
 */
public final class ReportHtml {

    private ReportHtml() {}

    /**
     * @param csvFiles names of the CSV files written beside the report (linked relatively), one per table
     */
    public static String render(AnnualReport report, List<String> csvFiles) {
        int y = report.year();
        AnnualReport.Release release = report.release();
        Map<String, Figure> h = report.headline();
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #222; max-width: 820px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
                h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
                .meta { color: #555; } .figures { list-style: none; padding: 0; } .figures li { margin: 0.3em 0; } .figures li.part { margin-left: 1.5em; }
                .figures strong { font-size: 1.15em; } .withheld { font-style: italic; color: #555; }
                table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.9em; } th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
                th:first-child, td:first-child { text-align: left; } caption { text-align: left; color: #555; }
                blockquote { margin: 1em 0; padding: 0.6em 1em; border-left: 4px solid #0072B2; background: #f4f8fb; }
                .note { background: #fbf8ef; border: 1px solid #e6d9a8; padding: 0.8em 1em; }
                figure { margin: 0; page-break-inside: avoid; } figcaption { color: #444; font-size: 0.9em; }
                @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
                </style>
                </head>
                <body>
                """.formatted(Html.escape("Outcomes " + y)));
        html.append("<h1>Outcomes ").append(y).append("</h1>\n");
        html.append("<p class=\"meta\">Figures as of ")
                .append(Html.escape(orUnknown(release.asOf())))
                .append(", from release ")
                .append(Html.escape(orUnknown(release.id())))
                .append(".</p>\n");

        html.append("<h2>The year in brief</h2>\n");
        if (!release.publishesTotals()) {
            html.append(
                    "<p>This release is protected by suppression, which publishes no totals, so the year's figures below"
                            + " may be missing; the charts and the CSV files hold what was published.</p>\n");
        }
        html.append("<ul class=\"figures\">\n");
        item(html, "Women identified in " + y, h.get(AnnualReport.IDENTIFIED), "");
        item(html, "of whom stayed in one of our shelters", h.get(AnnualReport.SHELTERED), "");
        item(
                html,
                "half of the women whose stay ended stayed longer than",
                h.get(AnnualReport.MEDIAN_SHELTER_DAYS),
                " days");
        item(html, "of whom enrolled in training", h.get(AnnualReport.TRAINING_ENROLLED), "");
        item(html, "of whom completed at least one course", h.get(AnnualReport.TRAINING_COMPLETED), "");
        item(
                html,
                "of whom have already been reintegrated (gone home to family, community or a home of her own)",
                h.get(AnnualReport.REINTEGRATED),
                "");
        item(html, "Training courses begun in " + y, h.get(AnnualReport.ENROLMENTS), "");
        itemPercent(html, "of those courses completed", h.get(AnnualReport.COMPLETION_RATE));
        item(html, "Court cases against traffickers filed in " + y, h.get(AnnualReport.LEGAL_CASES), "");
        item(html, "of which ended in a conviction so far", h.get(AnnualReport.CONVICTIONS), "");
        item(html, "Women identified in " + (y - 1), h.get(AnnualReport.IDENTIFIED_LAST_YEAR), "");
        item(
                html,
                "of whom were earning at least the minimum wage, employed or in their own business, a year after going home",
                h.get(AnnualReport.INDEPENDENT_12M),
                "");
        html.append("</ul>\n");

        for (Chart chart : report.charts()) {
            chart(html, chart);
        }

        html.append("<h2>In their own words</h2>\n");
        if (report.testimonies().isEmpty()) {
            html.append("<p>No testimony recorded in ")
                    .append(y)
                    .append(" is published with its author's consent.</p>\n");
        } else {
            html.append("<p>Published with each woman's consent. Names are changed (marked *), and names, places and"
                    + " numbers that could identify her were removed.</p>\n");
            for (AnnualReport.Testimony t : report.testimonies()) {
                html.append("<blockquote><p>")
                        .append(Html.escape(t.text()))
                        .append("</p><footer>")
                        .append(Html.escape(t.changedName()))
                        .append(", ")
                        .append(Html.escape(t.centre()))
                        .append(", ")
                        .append(t.year())
                        .append("</footer></blockquote>\n");
            }
        }

        protection(html, report);

        if (!csvFiles.isEmpty()) {
            html.append(
                    "<h2>The tables behind this report</h2>\n<p>Each published table as a CSV file, saved beside this report"
                            + " (open them in a spreadsheet):</p>\n<ul>\n");
            for (String name : csvFiles) {
                html.append("<li><a href=\"")
                        .append(Html.escape(name))
                        .append("\">")
                        .append(Html.escape(name))
                        .append("</a></li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<p class=\"meta\">Made with casetrail.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void item(StringBuilder html, String words, Figure figure, String unit) {
        html.append(words.startsWith("of ") || words.startsWith("half ") ? "<li class=\"part\">" : "<li>")
                .append(Html.escape(words))
                .append(": ")
                .append(strong(figure.text(), figure));
        if (figure.published()) {
            html.append(Html.escape(unit));
        }
        html.append("</li>\n");
    }

    private static void itemPercent(StringBuilder html, String words, Figure figure) {
        html.append("<li class=\"part\">")
                .append(Html.escape(words))
                .append(": ")
                .append(strong(figure.percentText(), figure))
                .append("</li>\n");
    }

    private static String strong(String text, Figure figure) {
        return figure.published()
                ? "<strong>" + Html.escape(text) + "</strong>"
                : "<span class=\"withheld\">" + Html.escape(text) + "</span>";
    }

    private static void chart(StringBuilder html, Chart chart) {
        html.append("<h2>").append(Html.escape(chart.title())).append("</h2>\n");
        if (chart.isEmpty()) {
            html.append("<p>This release has no figures for this chart.</p>\n");
            return;
        }
        html.append("<figure>\n")
                .append(BarChartSvg.render(chart))
                .append("\n<figcaption>")
                .append(Html.escape(chart.caption()))
                .append(" Source: table <code>")
                .append(Html.escape(chart.source()))
                .append("</code>.</figcaption>\n</figure>\n");
        html.append("<table>\n<tr><th></th>");
        for (Chart.Series s : chart.series()) {
            html.append("<th>").append(Html.escape(s.name())).append("</th>");
        }
        html.append("</tr>\n");
        for (int c = 0; c < chart.categories().size(); c++) {
            html.append("<tr><td>")
                    .append(Html.escape(chart.categories().get(c)))
                    .append("</td>");
            for (Chart.Series s : chart.series()) {
                Figure f = s.figures().get(c);
                html.append(f.published() ? "<td>" : "<td class=\"withheld\">")
                        .append(Html.escape(f.text()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void protection(StringBuilder html, AnnualReport report) {
        AnnualReport.Release release = report.release();
        List<Figure> all = new ArrayList<>(report.headline().values());
        report.charts().forEach(c -> c.series().forEach(s -> all.addAll(s.figures())));
        long withheld =
                all.stream().filter(f -> f.state() == Figure.State.WITHHELD).count();
        String k = release.k() == null ? "a set number of" : String.valueOf(release.k());
        html.append("<h2>How these figures protect the women they count</h2>\n<div class=\"note\">\n");
        html.append("<p><strong>Withheld</strong> means that a figure describes fewer than ")
                .append(Html.escape(k))
                .append(" women, so it is not published: it does <em>not</em> mean none. ")
                .append(
                        withheld == 0
                                ? "No figure in this report is withheld."
                                : withheld == 1
                                        ? "One figure in this report is withheld."
                                        : withheld + " figures in this report are withheld.")
                .append("</p>\n");
        if (release.noisy()) {
            html.append(
                    "<p>Every count has a small, deliberate change: at most 2 more or 2 fewer, and zero on average. It keeps"
                            + " anyone from working out one woman's story by comparing figures, and it is too small to change what the"
                            + " figures say. Because each figure is changed separately, parts may not add up exactly to their total.</p>\n");
        } else {
            html.append(
                    "<p>Counts are exact. Some further figures are withheld so that no withheld figure can be worked out"
                            + " by subtracting others.</p>\n");
        }
        html.append("<p>Figures are as of ")
                .append(Html.escape(orUnknown(release.asOf())))
                .append(
                        ". What happens to a woman after that date is not counted yet, and an outcome whose time has not come"
                                + " (for example the follow-up a year after going home) is shown as pending.</p>\n</div>\n");
    }

    private static String orUnknown(String value) {
        return value == null ? "an unrecorded date" : value;
    }
}
