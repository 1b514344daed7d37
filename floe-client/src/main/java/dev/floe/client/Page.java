package dev.floe.client;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items      what is on this page
 * @param page       this page's number, from 1
 * @param perPage    how many items a page holds at most
 * @param count      how many items are on this page
 * @param totalCount how many items there are on all pages
 * @param totalPages how many pages there are
 */
public record Page<T>(List<T> items, int page, int perPage, int count, int totalCount, int totalPages) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNextPage() {
        return page < totalPages;
    }
}
