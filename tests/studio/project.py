"""A small real project for the studio tests: two shots, a rectangle under a text, a crossfade, a 9:16 variant."""
PROJECT = """\
compositor: 1
title: Studio test
output:
  size: [320, 180]
  fps: 10
  file: out.mp4
shots:
  - id: intro
    duration: 2
    background: {color: white}
    layers:
      - rect: {size: [200, 100], fill: black}
        at: [160, 90]
      - text: "HELLO"
        color: "#ff0000"
        at: [160, 90]
  - id: outro
    duration: 1
    transition: {crossfade: 0.5}
    background: {color: "#0000ff"}
    layers:
      - rect: {size: [60, 60], fill: white}
        at: [60, 60]
variants:
  vertical: {size: [180, 320]}
"""
