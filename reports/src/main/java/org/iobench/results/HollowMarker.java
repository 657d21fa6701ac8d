package org.iobench.results;

import java.awt.Color;
import java.awt.Graphics2D;
import org.knowm.xchart.style.markers.Marker;

/**
 * An implementation's own marker shape, drawn hollow: the shape in the series colour with its middle
 * painted white. XChart's markers only fill, and they do not expose their shape, so the hollow is the
 * same marker painted again, smaller, in white: it works for every shape, present or future.
 */
final class HollowMarker extends Marker {

    /** The white middle's size relative to the marker: leaves a ring about 1.5 px wide at size 7-9. */
    static final double HOLE_FRACTION = 0.5;

    private final Marker shape;

    HollowMarker(Marker shape) {
        this.shape = shape;
    }

    Marker shape() {
        return shape;
    }

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        Color outline = g.getColor();
        shape.paint(g, xOffset, yOffset, markerSize);
        g.setColor(Color.WHITE);
        shape.paint(g, xOffset, yOffset, (int) Math.round(markerSize * HOLE_FRACTION));
        g.setColor(outline);
    }
}
