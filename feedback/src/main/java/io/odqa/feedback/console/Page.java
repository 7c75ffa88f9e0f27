package io.odqa.feedback.console;

import java.util.List;

/**
 * One page of a list that is paginated on the server.
 *
 * @param total items the whole list has
 * @param limit most items a page holds
 * @param offset items before this page
 * @param items this page's items, in the list's order
 * @param <T> the item type
 */
public record Page<T>(long total, int limit, int offset, List<T> items) {

  /** Validates and copies {@code items}. */
  public Page {
    if (total < 0 || limit < 1 || offset < 0) {
      throw new IllegalArgumentException("page needs total >= 0, limit >= 1 and offset >= 0, got "
          + total + ", " + limit + ", " + offset);
    }
    items = List.copyOf(items);
  }
}
