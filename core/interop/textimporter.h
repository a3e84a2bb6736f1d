#pragma once

#include "csvreader.h"
#include "exchangedata.h"
#include "importsummary.h"

namespace javumbo::interop {

// Turns the records of a text file into ExchangeData for ExchangeImporter
// (Matching::TextFile): the header's guid, deck, note type and tags columns,
// the remaining columns as fields (front, back; for Basic a third column is
// the tags, as Anki reads it; other note types join further fields into the
// back), fields escaped unless #html:true. Records that cannot become a note
// go to `summary` as skipped lines.
ExchangeData textToExchange(const CsvFile &file, ImportSummary &summary);

} // namespace javumbo::interop
