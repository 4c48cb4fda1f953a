package dev.stablestructures.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts (bars, and log-log lines) into PNG files with JFreeChart, and gives the
 * markdown that shows each. Headless: no display is needed.
 */
final class Charts {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 520;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0x6baed6), new Color(0x2ca02c), new Color(0x98df8a),
    new Color(0x7f7f7f), new Color(0xff7f0e), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b)
  };

  private final Path dir;
  private final Path markdownDir;

  /**
   * Charts written into {@code dir}, linked from a markdown file in {@code markdownDir}.
   *
   * @param dir where the PNG files go
   * @param markdownDir the directory of the markdown that links them
   */
  Charts(Path dir, Path markdownDir) {
    this.dir = dir;
    this.markdownDir = markdownDir;
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * A grouped bar chart: one group per category, one bar per series.
   *
   * @param file the PNG's file name
   * @param title the title
   * @param axis the value axis's label
   * @param values category → series → value; missing or non-positive values draw no bar
   * @param log whether the value axis is logarithmic
   * @return the markdown image that shows it
   * @throws IOException if the file cannot be written
   */
  String bars(
      String file, String title, String axis, Map<String, Map<String, Double>> values, boolean log)
      throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, Map<String, Double>> category : values.entrySet()) {
      for (Map.Entry<String, Double> bar : category.getValue().entrySet()) {
        if (bar.getValue() != null && bar.getValue() > 0) {
          data.addValue(bar.getValue(), bar.getKey(), category.getKey());
        }
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, axis, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    if (log && data.getRowCount() > 0) {
      double min = Double.MAX_VALUE;
      double max = 0;
      for (int r = 0; r < data.getRowCount(); r++) {
        for (int c = 0; c < data.getColumnCount(); c++) {
          Number v = data.getValue(r, c);
          if (v != null) {
            min = Math.min(min, v.doubleValue());
            max = Math.max(max, v.doubleValue());
          }
        }
      }
      LogAxis range = new LogAxis(axis);
      double lower = Math.pow(10, Math.floor(Math.log10(min)));
      range.setRange(lower, Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
      range.setTickUnit(new NumberTickUnit(1));
      range.setNumberFormatOverride(
          new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));
      plot.setRangeAxis(range);
      renderer.setBase(lower);
    }
    CategoryAxis categories = plot.getDomainAxis();
    categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    categories.setMaximumCategoryLabelLines(2);
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.02);
    for (int i = 0; i < data.getRowCount(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
    }
    Files.createDirectories(dir);
    Path png = dir.resolve(file);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    String link = markdownDir.toAbsolutePath().relativize(png.toAbsolutePath()).toString();
    return "![" + title + "](" + link.replace('\\', '/') + ")\n";
  }

  /**
   * One panel of a {@link #logLog} chart: its own value axis, the series drawn on it, and an
   * optional horizontal limit line.
   *
   * @param axis the value axis's label
   * @param series series name → points {@code {x, y}}; non-positive values are left out
   * @param limit the y of a limit line, or NaN for none
   * @param limitLabel the limit line's label (null for none)
   */
  record Panel(String axis, Map<String, List<double[]>> series, double limit, String limitLabel) {}

  /**
   * Line charts on logarithmic axes, stacked over one shared x axis.
   *
   * @param file the PNG's file name
   * @param title the title
   * @param xAxis the shared x axis's label
   * @param panels the panels, top first
   * @param markX the x of a vertical mark across every panel, or NaN (or infinite) for none
   * @param markLabel the mark's label, drawn in the last panel
   * @return the markdown image that shows it
   * @throws IOException if the file cannot be written
   */
  String logLog(
      String file, String title, String xAxis, List<Panel> panels, double markX, String markLabel)
      throws IOException {
    boolean mark = Double.isFinite(markX) && markX > 0;
    LogAxis domain = logAxis(xAxis);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(domain);
    combined.setGap(12);
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    for (Panel panel : panels) {
      XYSeriesCollection data = new XYSeriesCollection();
      double min = Double.MAX_VALUE;
      double max = 0;
      for (Map.Entry<String, List<double[]>> s : panel.series().entrySet()) {
        XYSeries series = new XYSeries(s.getKey());
        for (double[] p : s.getValue()) {
          if (p[0] > 0 && p[1] > 0) {
            series.add(p[0], p[1]);
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            min = Math.min(min, p[1]);
            max = Math.max(max, p[1]);
          }
        }
        data.addSeries(series);
      }
      if (!Double.isNaN(panel.limit())) {
        max = Math.max(max, panel.limit());
        min = Math.min(min, panel.limit());
      }
      LogAxis range = logAxis(panel.axis());
      if (max > 0) {
        range.setRange(
            Math.pow(10, Math.floor(Math.log10(min))),
            Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
      }
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
      for (int i = 0; i < data.getSeriesCount(); i++) {
        renderer.setSeriesPaint(i, COLORS[(2 * i) % COLORS.length]);
        // Every panel draws the same series: the legend names them once.
        renderer.setSeriesVisibleInLegend(i, combined.getSubplots().isEmpty());
      }
      XYPlot plot = new XYPlot(data, null, range, renderer);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      if (!Double.isNaN(panel.limit())) {
        ValueMarker marker = new ValueMarker(panel.limit());
        marker.setPaint(new Color(0xd62728));
        marker.setStroke(new java.awt.BasicStroke(2f));
        if (panel.limitLabel() != null) {
          marker.setLabel(panel.limitLabel());
          marker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
          marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
          marker.setLabelPaint(new Color(0xd62728));
        }
        plot.addRangeMarker(marker);
      }
      if (mark) {
        ValueMarker m = new ValueMarker(markX);
        m.setPaint(Color.DARK_GRAY);
        m.setStroke(
            new java.awt.BasicStroke(
                1.5f,
                java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER,
                10f,
                new float[] {6f, 4f},
                0f));
        if (combined.getSubplots().size() == panels.size() - 1 && markLabel != null) {
          m.setLabel(markLabel);
          m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
          m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        }
        plot.addDomainMarker(m);
        maxX = Math.max(maxX, markX);
      }
      combined.add(plot, 1);
    }
    if (maxX > 0) {
      domain.setRange(minX / 1.5, maxX * 1.5);
    }
    JFreeChart chart =
        new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), combined, true);
    chart.setBackgroundPaint(Color.WHITE);
    Files.createDirectories(dir);
    Path png = dir.resolve(file);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT * panels.size() * 3 / 4);
    String link = markdownDir.toAbsolutePath().relativize(png.toAbsolutePath()).toString();
    return "![" + title + "](" + link.replace('\\', '/') + ")\n";
  }

  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setNumberFormatOverride(
        new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return axis;
  }
}
