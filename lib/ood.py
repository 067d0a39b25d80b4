"""Out-of-distribution detection: flag inputs whose score (reconstruction error) is high.

An autoencoder reconstructs what it was trained on well and other things badly, so its
per-image reconstruction error can tell the two apart. Here "positive" means
out-of-distribution: a detector flags an image when its score exceeds a threshold.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Roc:
    """A receiver operating characteristic: every threshold's two rates, and its area.

    ``false_alarm``: fraction of in-distribution images flagged, (k,), rising from 0 to 1.
    ``detected``: fraction of out-of-distribution images flagged at the same thresholds, (k,).
    ``auroc``: area under that curve, 0.5 for a coin toss, 1.0 for a perfect separation;
    equal to the chance that a random outlier scores higher than a random inlier.
    """

    false_alarm: np.ndarray
    detected: np.ndarray
    auroc: float

    def detected_at(self, false_alarm):
        """Fraction of outliers caught when at most ``false_alarm`` of the inliers are flagged."""
        if not 0 <= false_alarm <= 1:
            raise ValueError(f"false_alarm is a fraction between 0 and 1, got {false_alarm!r}")
        return float(self.detected[self.false_alarm <= false_alarm].max())


def roc(inlier_scores, outlier_scores):
    """ROC of the rule "score above a threshold = out of distribution".

    ``inlier_scores``, ``outlier_scores``: 1-D arrays of per-image scores (for instance
    ``lib.metrics.per_image_mse`` of the reconstructions), any units, higher = stranger.
    Uses ``sklearn.metrics.roc_curve`` and ``roc_auc_score``.
    """
    from sklearn.metrics import roc_auc_score, roc_curve

    inliers, outliers = np.asarray(inlier_scores, dtype="float64"), np.asarray(outlier_scores, dtype="float64")
    for name, scores in (("inlier_scores", inliers), ("outlier_scores", outliers)):
        if scores.ndim != 1 or scores.size == 0:
            raise ValueError(f"{name} must be a non-empty 1-D array of per-image scores, got shape {scores.shape}")
        if not np.all(np.isfinite(scores)):
            raise ValueError(f"{name} holds NaN or infinite values")
    labels = np.r_[np.zeros(len(inliers)), np.ones(len(outliers))]
    scores = np.r_[inliers, outliers]
    false_alarm, detected, _ = roc_curve(labels, scores)
    return Roc(false_alarm, detected, float(roc_auc_score(labels, scores)))
