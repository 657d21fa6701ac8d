package org.iobench.results;

import java.awt.Color;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One colour and marker per implementation id, the same in every chart of every run, so a reader
 * learns "orange is netty-epoll-et" once. Keyed by catalogue order.
 */
public final class ImplPalette {

    /**
     * The ids of org.iobench.api.Implementation, in catalogue order. Copied (reports does not depend on
     * the api module, so the charting code stays off the servers' classpath); an id missing here still
     * gets a stable colour from its hash.
     */
    public static final List<String> CATALOGUE_IDS = List.of(
            "blocking", "virtual", "nio-selector", "nio2-async",
            "netty-nio", "netty-epoll-et", "netty-epoll-lt", "netty42-epoll", "netty42-io-uring",
            "native-epoll-et", "native-epoll-lt", "native-io-uring");

    /**
     * Related models get related hues (JDK: reds/browns, Netty 4.1: blues, Netty 4.2: greens,
     * native: black/grey: the floor) while staying distinguishable; markers differ too, for print.
     */
    private static final Color[] COLOURS = {
            new Color(0xd6, 0x27, 0x28), // blocking: red
            new Color(0xff, 0x7f, 0x0e), // virtual: orange
            new Color(0x8c, 0x56, 0x4b), // nio-selector: brown
            new Color(0xe3, 0x77, 0xc2), // nio2-async: pink
            new Color(0x9e, 0xc9, 0xe9), // netty-nio: light blue
            new Color(0x1f, 0x77, 0xb4), // netty-epoll-et: blue
            new Color(0x94, 0x67, 0xbd), // netty-epoll-lt: purple
            new Color(0x2c, 0xa0, 0x2c), // netty42-epoll: green
            new Color(0x17, 0xbe, 0xcf), // netty42-io-uring: cyan
            new Color(0x20, 0x20, 0x20), // native-epoll-et: near black
            new Color(0x8c, 0x8c, 0x8c), // native-epoll-lt: grey
            new Color(0x00, 0x4d, 0x40), // native-io-uring: dark teal
    };

    private static final Marker[] MARKERS = {
            SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
    };

    private ImplPalette() {
    }

    public static Color colour(String id) {
        int index = CATALOGUE_IDS.indexOf(id);
        if (index >= 0) {
            return COLOURS[index];
        }
        // Unknown id: a stable mid-saturation hue from the id's hash, so it is the same in every chart.
        float hue = Math.floorMod(id.hashCode(), 360) / 360f;
        return Color.getHSBColor(hue, 0.65f, 0.75f);
    }

    public static Marker marker(String id) {
        int index = CATALOGUE_IDS.indexOf(id);
        return MARKERS[index >= 0 ? index : Math.floorMod(id.hashCode(), MARKERS.length)];
    }

    /** Catalogue order first, unknown ids after, alphabetically. */
    public static final Comparator<String> ORDER = Comparator
            .comparingInt((String id) -> {
                int index = CATALOGUE_IDS.indexOf(id);
                return index >= 0 ? index : Integer.MAX_VALUE;
            })
            .thenComparing(Comparator.naturalOrder());
}
