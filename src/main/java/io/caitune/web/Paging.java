package io.caitune.web;

/** The checks every paged list makes on {@code ?page=} and {@code ?size=}, with the same problem details. */
public final class Paging {

    private Paging() {
    }

    /** 400 unless page ≥ 0, 1 ≤ size ≤ max, and the offset page × size fits the database's int offset. */
    public static void check(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw ProblemException.badRequest("'page' must be >= 0 and 'size' between 1 and " + maxSize);
        }
        if ((long) page * size > Integer.MAX_VALUE - size) {
            throw ProblemException.badRequest("'page' must be at most " + (Integer.MAX_VALUE / size - 1)
                    + " with 'size' " + size);
        }
    }
}
