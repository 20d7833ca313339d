package dk.bostotte.device.ui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Insets;

/**
 * A {@link FlowLayout} whose preferred size counts the rows it wraps into. A plain FlowLayout asks
 * for one row, so at a BorderLayout edge its second row was laid out off the panel and never seen
 * (the in-call "sound only" sign on the 800×480 screen).
 */
final class WrappingFlowLayout extends FlowLayout {

    WrappingFlowLayout(int align, int hgap, int vgap) {
        super(align, hgap, vgap);
    }

    @Override
    public Dimension preferredLayoutSize(Container target) {
        return size(target, true);
    }

    @Override
    public Dimension minimumLayoutSize(Container target) {
        return size(target, false);
    }

    private Dimension size(Container target, boolean preferred) {
        synchronized (target.getTreeLock()) {
            // Before its first layout the panel has no width: it will be as wide as its parent.
            int width = target.getWidth() > 0 ? target.getWidth()
                    : target.getParent() != null && target.getParent().getWidth() > 0 ? target.getParent().getWidth() : Integer.MAX_VALUE;
            Insets in = target.getInsets();
            int room = width - in.left - in.right - getHgap() * 2;
            int rowWidth = 0;
            int rowHeight = 0;
            int widest = 0;
            int height = 0;
            for (Component c : target.getComponents()) {
                if (!c.isVisible()) {
                    continue;
                }
                Dimension d = preferred ? c.getPreferredSize() : c.getMinimumSize();
                // FlowLayout's own rule: a component starts a new row when it does not fit, gap not counted.
                if (rowWidth > 0 && rowWidth + d.width > room) {
                    widest = Math.max(widest, rowWidth);
                    height += rowHeight + getVgap();
                    rowWidth = 0;
                    rowHeight = 0;
                }
                rowWidth += (rowWidth > 0 ? getHgap() : 0) + d.width;
                rowHeight = Math.max(rowHeight, d.height);
            }
            widest = Math.max(widest, rowWidth);
            height += rowHeight;
            return new Dimension(widest + in.left + in.right + getHgap() * 2, height + in.top + in.bottom + getVgap() * 2);
        }
    }
}
