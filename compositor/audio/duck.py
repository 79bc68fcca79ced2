"""Sidechain ducking: the music bed steps down while the voice speaks and comes back when it stops.

The voice bus is turned into an on/off activity track at 100 Hz (RMS against a threshold set by the bus's own
level, so quiet and loud takes duck alike). Pauses shorter than `hold` count as speech, so the music does not
pump between words. The gain ramps in dB: down over `attack` seconds, *starting* `attack` seconds before speech
(a look-ahead, possible because the mix is offline), and up over `release` seconds after it.
"""
from __future__ import annotations

import numpy as np

HOP = 0.01            # control rate of the gain curve, seconds
WINDOW = 0.03         # RMS window
FLOOR_DB = -50.0      # below this a bus is silent whatever its peak
RELATIVE_DB = -35.0   # activity threshold relative to the bus's loudest window


def rms_db(samples: np.ndarray, rate: int, hop: float = HOP, window: float = WINDOW) -> np.ndarray:
    """RMS level in dBFS per hop (centred windows), over both channels."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    h = max(1, int(round(hop * rate)))
    w = max(h, int(round(window * rate)))
    n_hops = int(np.ceil(len(mono) / h))
    power = np.concatenate([[0.0], np.cumsum(mono.astype(np.float64) ** 2)])
    centres = np.arange(n_hops) * h + h // 2
    lo = np.clip(centres - w // 2, 0, len(mono))
    hi = np.clip(centres + w // 2, 0, len(mono))
    mean = (power[hi] - power[lo]) / np.maximum(hi - lo, 1)
    return 10 * np.log10(np.maximum(mean, 1e-12))


def activity(samples: np.ndarray, rate: int, hop: float = HOP) -> np.ndarray:
    """Boolean per hop: is the bus sounding?"""
    level = rms_db(samples, rate, hop)
    if len(level) == 0:
        return np.zeros(0, bool)
    threshold = max(FLOOR_DB, float(level.max()) + RELATIVE_DB)
    return level > threshold


def fill_gaps(active: np.ndarray, max_gap: int) -> np.ndarray:
    """Close inactive runs of at most `max_gap` hops that sit between two active ones."""
    out = active.copy()
    idx = np.flatnonzero(active)
    if len(idx) < 2 or max_gap <= 0:
        return out
    gaps = np.diff(idx) - 1
    for k in np.flatnonzero((gaps > 0) & (gaps <= max_gap)):
        out[idx[k] + 1:idx[k + 1]] = True
    return out


def duck_curve(active: np.ndarray, by_db: float, attack: float, release: float, hold: float,
               hop: float = HOP) -> np.ndarray:
    """Gain in dB per hop (0 = untouched, `by_db` = fully ducked)."""
    act = fill_gaps(active, int(round(hold / hop)))
    lead = int(round(attack / hop))
    if lead > 0 and act.any():                # look-ahead: reach full depth as speech begins
        starts = np.flatnonzero(act & ~np.concatenate([[False], act[:-1]]))
        for s in starts:
            act[max(0, s - lead):s] = True
    depth = -abs(by_db)
    down = abs(depth) * hop / attack if attack > 0 else np.inf
    up = abs(depth) * hop / release if release > 0 else np.inf
    gain = np.empty(len(act), np.float64)
    g = 0.0
    for i, a in enumerate(act):
        target = depth if a else 0.0
        if g > target:
            g = max(target, g - down)
        elif g < target:
            g = min(target, g + up)
        gain[i] = g
    return gain


def curve_to_samples(curve_db: np.ndarray, n: int, rate: int, hop: float = HOP) -> np.ndarray:
    """Linear gain per sample, interpolated from the per-hop dB curve (hop centres)."""
    if len(curve_db) == 0:
        return np.ones(n, np.float32)
    t_hop = (np.arange(len(curve_db)) + 0.5) * hop
    t = np.arange(n) / rate
    return (10 ** (np.interp(t, t_hop, curve_db) / 20)).astype(np.float32)


def duck(music: np.ndarray, sidechain: np.ndarray, rate: int, by_db: float, attack: float, release: float,
         hold: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Ducked music and the per-hop gain curve in dB that was applied."""
    curve = duck_curve(activity(sidechain, rate), by_db, attack, release, hold)
    return music * curve_to_samples(curve, len(music), rate)[:, None], curve
