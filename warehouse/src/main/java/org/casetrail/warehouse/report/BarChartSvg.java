package org.casetrail.warehouse.report;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as inline SVG, so the report needs no script, font or image from anywhere.
 * A withheld figure gets no bar but the word "withheld" where its bar would stand: an empty
 * place would read as zero.
 */
final class BarChartSvg {

    /** Okabe-Ito colours: told apart by readers with colour-vision deficiency, and in grey print. */
    static final List<String> COLOURS =
            List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000");

    private static final int WIDTH = 760, TOP = 30, PLOT_HEIGHT = 220, LEFT = 56, RIGHT = 16;

    private BarChartSvg() {}

    static String render(Chart chart) {
        int categories = chart.categories().size();
        int seriesCount = chart.series().size();
        boolean slanted = categories > 6;
        int bottom = slanted ? 80 : 40;
        int legend = seriesCount > 1 ? 24 : 0;
        int height = TOP + PLOT_HEIGHT + bottom + legend;
        double max = chart.series().stream()
                .flatMap(s -> s.figures().stream())
                .filter(Figure::published)
                .mapToDouble(Figure::asDouble)
                .max()
                .orElse(0);
        double top = niceCeiling(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double groupWidth = plotWidth / Math.max(1, categories);
        double barWidth = Math.min(36, groupWidth * 0.8 / Math.max(1, seriesCount));

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\">%n",
                WIDTH,
                height,
                Html.escape(chart.title())));
        double baseline = TOP + PLOT_HEIGHT;
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = baseline - PLOT_HEIGHT * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">%s</text>%n",
                    LEFT - 6,
                    y + 4,
                    axisLabel(value)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#444\"/>%n",
                LEFT,
                baseline,
                WIDTH - RIGHT,
                baseline));
        for (int c = 0; c < categories; c++) {
            double groupLeft = LEFT + c * groupWidth + (groupWidth - barWidth * seriesCount) / 2;
            for (int s = 0; s < seriesCount; s++) {
                Figure figure = chart.series().get(s).figures().get(c);
                double x = groupLeft + s * barWidth;
                String who = Html.escape(
                        chart.categories().get(c) + ", " + chart.series().get(s).name() + ": " + figure.text());
                if (figure.published()) {
                    double h = top == 0 ? 0 : PLOT_HEIGHT * figure.asDouble() / top;
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>%n",
                            x + 1,
                            baseline - h,
                            Math.max(1, barWidth - 2),
                            h,
                            COLOURS.get(s % COLOURS.size()),
                            who));
                    if (barWidth >= 18) {
                        svg.append(String.format(
                                Locale.ROOT,
                                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#222\">%s</text>%n",
                                x + barWidth / 2,
                                baseline - h - 3,
                                Html.escape(figure.text())));
                    }
                } else if (figure.state() == Figure.State.WITHHELD) {
                    double cx = x + barWidth / 2;
                    svg.append(String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" font-style=\"italic\" fill=\"#555\" transform=\"rotate(-90 %.1f %.1f)\">"
                                    + "withheld<title>%s</title></text>%n",
                            cx + 3,
                            baseline - 4,
                            cx + 3,
                            baseline - 4,
                            who));
                }
            }
            double labelX = LEFT + c * groupWidth + groupWidth / 2;
            String label = Html.escape(chart.categories().get(c));
            if (slanted) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#222\" transform=\"rotate(-35 %.1f %.1f)\">%s</text>%n",
                        labelX,
                        baseline + 14,
                        labelX,
                        baseline + 14,
                        label));
            } else {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"#222\">%s</text>%n",
                        labelX,
                        baseline + 16,
                        label));
            }
        }
        if (seriesCount > 1) {
            double x = LEFT;
            double y = height - 10;
            for (int s = 0; s < seriesCount; s++) {
                String name = chart.series().get(s).name();
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                                + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#222\">%s</text>%n",
                        x,
                        y - 10,
                        COLOURS.get(s % COLOURS.size()),
                        x + 16,
                        y,
                        Html.escape(name)));
                // About 8.5 pixels a character at 12 pixels: centre codes are capitals.
                x += 30 + 8.5 * name.length();
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /**
     * The top of the axis: four gridline steps of 1, 2, 2.5 or 5 times a power of ten, whole
     * numbers only (these are counts of women), reaching at least the largest value.
     */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 4;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max / 4)));
        for (double multiple : new double[] {1, 2, 2.5, 5, 10}) {
            double step = Math.max(1, multiple * power);
            if (step == Math.rint(step) && 4 * step >= max) {
                return 4 * step;
            }
        }
        return 40 * power;
    }

    private static String axisLabel(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }
}
