package io.odqa.ingest.source;

import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces Markdown (CommonMark) and HTML (jsoup) to their readable text. The cleaned text is
 * the document text that passage offsets point into; the markup itself is not kept.
 */
public final class MarkupCleaner {
  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head");
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

  private MarkupCleaner() {}

  /**
   * A document's cleaned text and the title found in it.
   *
   * @param title the {@code <title>} or first heading, or empty
   * @param text the visible text, blocks separated by newlines
   */
  public record Cleaned(String title, String text) {}

  /** The text of a Markdown document; the title is its first heading. */
  public static Cleaned markdown(String markdown) {
    Node root = MARKDOWN.parse(markdown);
    return new Cleaned(firstHeading(root), TEXT.render(root).strip());
  }

  /** The visible text of an HTML document; block elements become line breaks. */
  public static Cleaned html(String html) {
    org.jsoup.nodes.Document doc = Jsoup.parse(html);
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(org.jsoup.nodes.Node node, int depth) {
        if (node instanceof TextNode text && !insideSkipped(text)) {
          out.append(text.text());
        } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br")) && out.length() > 0) {
          out.append('\n');
        }
      }

      @Override
      public void tail(org.jsoup.nodes.Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          out.append('\n');
        }
      }
    }, doc.body());
    String text = out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ")
        .replaceAll(" ?\\n[ \\n]*", "\n").strip();
    return new Cleaned(doc.title().strip(), text);
  }

  private static boolean insideSkipped(TextNode text) {
    for (org.jsoup.nodes.Node p = text.parent(); p != null; p = p.parent()) {
      if (p instanceof Element e && SKIPPED.contains(e.normalName())) {
        return true;
      }
    }
    return false;
  }

  private static String firstHeading(Node root) {
    for (Node n = root.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading heading) {
        StringBuilder title = new StringBuilder();
        for (Node c = heading.getFirstChild(); c != null; c = c.getNext()) {
          if (c instanceof Text t) {
            title.append(t.getLiteral());
          }
        }
        return title.toString().strip();
      }
    }
    return "";
  }
}
