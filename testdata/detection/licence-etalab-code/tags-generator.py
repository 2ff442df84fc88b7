"""Writes one page per tag found in the posts."""
import pathlib

for tag in sorted({line[5:].strip() for p in pathlib.Path("_posts").glob("*.md") for line in p.read_text().splitlines() if line.startswith("tags:")}):
    pathlib.Path("tags", tag + ".md").write_text(f"---\ntag: {tag}\n---\n")
