package dev.stablestructures.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws the report's bar charts into PNG files with JFreeChart, and gives the markdown that shows
 * each. Headless: no display is needed.
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
}
