#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace javumbo::testsupport {

// Anki packages built by the tests from the documented formats
// (docs/scheduling.md §9 and §11), never taken from Anki: a schema-11 collection
// written with our own SQL, zipped with its media map, and a version-3
// package (schema 18, zstd, protobuf blobs) built the same way.
namespace packagefixture {

// The source collection's creation time: 2023-11-14 04:00 UTC.
inline constexpr qint64 kSourceCrt = 1699934400;
inline constexpr qint64 kBasicModel = 1700000000001;
inline constexpr qint64 kReversedModel = 1700000000002;
inline constexpr qint64 kLanguagesDeck = 1700000000100;
inline constexpr qint64 kSpanishDeck = 1700000000101;
inline constexpr qint64 kSpanishOptions = 1700000000200;
inline constexpr qint64 kNoteMod = 1700000500;

// The fixture's fields: HTML, unicode, a tab and quotes; a media reference.
QString richFront();
QString richBack();
QByteArray catJpeg();

// Writes the fixture collection (schema 11) to `path`: four notes (two Basic,
// one "Basic (and reversed card)" with three fields and two cards, one in
// Default), a nested deck with its own options, a review card with two
// revlog rows, a learning card, tags. `noteMod` stamps every note.
void writeSchema11(const QString &path, qint64 noteMod = kNoteMod);
// The same content as a schema-18 collection (package version 3).
void writeSchema18(const QString &path);
// A schema-11 collection holding only Anki's "please update" dummy note.
void writeDummy(const QString &path);

// Zips the files into `zipPath`: pairs of (entry name, bytes); `stored` entries uncompressed.
void writeZip(
    const QString &zipPath, const QList<std::pair<QString, QByteArray>> &entries, bool stored = false);
QByteArray readFile(const QString &path);
QByteArray zstd(const QByteArray &bytes);

// Complete packages in `dir`, returning the file's path.
QString legacyPackage(const QString &dir, int version = 1, qint64 noteMod = kNoteMod);
QString version3Package(const QString &dir);

} // namespace packagefixture
} // namespace javumbo::testsupport
