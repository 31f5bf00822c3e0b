"""Ingest beyond one process: `verify add --ray [ADDRESS]` (`verify.scale.ray_ingest`).

Nothing here imports Ray at module level: `verify --help` and the single-process path never load it.
The design, the measured per-actor costs and a projection for a million articles a day are in
docs/SCALING.md.
"""

RAY_MISSING = "Ray is not installed: install the team extra, pip install 'verify[team]'"
