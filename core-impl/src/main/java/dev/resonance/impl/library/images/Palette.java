package dev.resonance.impl.library.images;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Dominant colours of an image for the player's visualizer: pixels are sampled on a grid, clustered with a few
 * rounds of k-means in RGB, and the clusters are returned largest first, skipping near-duplicates.
 */
public final class Palette {

    private Palette() {
    }

    public static List<String> of(BufferedImage image, int colours) {
        int step = Math.max(1, Math.max(image.getWidth(), image.getHeight()) / 64);
        List<int[]> samples = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y += step) {
            for (int x = 0; x < image.getWidth(); x += step) {
                int rgb = image.getRGB(x, y);
                if ((rgb >>> 24) < 128) {
                    continue; // transparent
                }
                samples.add(new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff});
            }
        }
        if (samples.isEmpty()) {
            return List.of();
        }
        int k = Math.min(colours + 2, samples.size());
        double[][] centres = new double[k][3];
        for (int i = 0; i < k; i++) {
            int[] s = samples.get(i * samples.size() / k);
            centres[i] = new double[] {s[0], s[1], s[2]};
        }
        int[] counts = new int[k];
        for (int round = 0; round < 8; round++) {
            double[][] sums = new double[k][3];
            counts = new int[k];
            for (int[] s : samples) {
                int best = nearest(centres, s);
                sums[best][0] += s[0];
                sums[best][1] += s[1];
                sums[best][2] += s[2];
                counts[best]++;
            }
            for (int i = 0; i < k; i++) {
                if (counts[i] > 0) {
                    centres[i] = new double[] {sums[i][0] / counts[i], sums[i][1] / counts[i], sums[i][2] / counts[i]};
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (counts[i] > 0) {
                order.add(i);
            }
        }
        int[] finalCounts = counts;
        order.sort(Comparator.comparingInt((Integer i) -> finalCounts[i]).reversed());
        List<double[]> chosen = new ArrayList<>();
        List<String> hex = new ArrayList<>();
        for (int i : order) {
            double[] c = centres[i];
            if (chosen.stream().anyMatch(o -> distance(o, c) < 40)) {
                continue;
            }
            chosen.add(c);
            hex.add(String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c[0]), Math.round(c[1]), Math.round(c[2])));
            if (hex.size() == colours) {
                break;
            }
        }
        return hex;
    }

    private static int nearest(double[][] centres, int[] s) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < centres.length; i++) {
            double d = Math.pow(centres[i][0] - s[0], 2) + Math.pow(centres[i][1] - s[1], 2) + Math.pow(centres[i][2] - s[2], 2);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
