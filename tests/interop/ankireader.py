#!/usr/bin/env python3
"""Reads an .apkg the way Anki's importer does, with nothing but Python's
zipfile, json and sqlite3: an independent reader of Javumbo's exports.
Prints one JSON object: the version, counts, deck names, media and the notes."""
import json
import sqlite3
import sys
import tempfile
import zipfile

path = sys.argv[1]
with zipfile.ZipFile(path) as archive:
    names = archive.namelist()
    if "meta" in names:
        version = archive.read("meta")[1]
    elif "collection.anki21" in names:
        version = 2
    else:
        version = 1
    collection = {1: "collection.anki2", 2: "collection.anki21", 3: "collection.anki21b"}[version]
    media = json.loads(archive.read("media").decode("utf-8")) if "media" in names else {}
    media_ok = all(archive.read(key) is not None for key in media)
    with tempfile.NamedTemporaryFile(suffix=".anki2") as db_file:
        db_file.write(archive.read(collection))
        db_file.flush()
        db = sqlite3.connect(db_file.name)
        ver, models, decks = db.execute("SELECT ver, models, decks FROM col").fetchone()
        models = json.loads(models)
        decks = json.loads(decks)
        notes = []
        for guid, mid, flds, tags in db.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id"):
            field_names = [f["name"] for f in sorted(models[str(mid)]["flds"], key=lambda f: f["ord"])]
            notes.append({"guid": guid, "fields": dict(zip(field_names, flds.split("\x1f"))), "tags": tags.split()})
        cards = db.execute("SELECT count(*) FROM cards c JOIN notes n ON n.id = c.nid").fetchone()[0]
        revlog = db.execute("SELECT count(*) FROM revlog").fetchone()[0]
        print(json.dumps({
            "version": version, "schema": ver, "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
            "journal_mode": db.execute("PRAGMA journal_mode").fetchone()[0],
            "decks": sorted(d["name"] for d in decks.values()), "notes": notes, "cards": cards, "revlog": revlog,
            "media": sorted(media.values()), "media_ok": media_ok,
        }, ensure_ascii=False))
