// Tables as people and spreadsheets read them: a report builds its header and
// rows once, and the table renders them as aligned text (fitted to a
// terminal, coloured by the state of what a cell shows) or as RFC 4180 CSV.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

struct Style {
    bool color = false;
    std::size_t width = 0; // terminal columns; 0 = not a terminal, do not fit
};

// How a column gives way when a row is wider than the terminal.
enum class Fit : std::uint8_t {
    fixed,   // short values kept whole: ids, dates, "12d overdue"
    shorten, // names, reasons, notes: shortened with "…"
    whole,   // the phone, email or address to act on: never cut, and the
             // first to move to a line of its own when the row cannot fit
};

// Where a column appears.
enum class Shown : std::uint8_t { both, text, csv };

struct Column {
    std::string name; // the CSV header; in capitals, the text header
    Fit fit = Fit::fixed;
    Shown shown = Shown::both;
    std::string blank; // what text shows for an empty cell ("-"); CSV leaves it empty

    Column(std::string column_name, Fit how = Fit::fixed, Shown where = Shown::both,
           std::string empty_text = {})
        : name(std::move(column_name))
        , fit(how)
        , shown(where)
        , blank(std::move(empty_text)) {}
};

struct Cell {
    std::string text;
    const char* sgr = nullptr; // ANSI colour for text output, from the state it shows
    bool whole = false;        // never shortened, whatever its column does (a contact)
    Cell(std::string t, const char* colour = nullptr)
        : text(std::move(t))
        , sgr(colour) {}
    Cell(const char* t)
        : text(t) {}
    static Cell kept_whole(std::string t) {
        Cell cell(std::move(t));
        cell.whole = true;
        return cell;
    }
};

class Table {
public:
    explicit Table(std::vector<Column> columns)
        : columns_(std::move(columns)) {}
    void add(std::vector<Cell> row) { rows_.push_back(std::move(row)); }
    std::size_t size() const { return rows_.size(); }
    bool empty() const { return rows_.empty(); }

    // The CSV columns' names, then every row.
    std::string csv() const;
    // One string per row (with `header`, the header first), without its
    // newline; a row that had to wrap holds its continuation after a '\n'.
    std::vector<std::string> lines(const Style& style, std::string_view indent = "",
                                   bool header = false) const;
    // The same lines, each ending in a newline.
    std::string text(const Style& style, std::string_view indent = "", bool header = false) const;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
};

// Shortened to `width` columns, ending in "…" when anything was left out.
std::string shorten_to_width(std::string_view s, std::size_t width);

// `budget` columns shared among values that want `want` each: the narrow
// ones get what they want, the wide ones an equal share of the rest.
std::vector<std::size_t> share_width(const std::vector<std::size_t>& want, std::size_t budget);

// A line wider than `width` broken at spaces (or, in a long word, anywhere)
// into lines that fit, continuations indented under the first: nothing is
// lost. No-op when width is 0.
std::string wrap_to_width(std::string_view line, std::size_t width);

// One CSV record, CRLF-terminated (RFC 4180). Text cells that a spreadsheet
// would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe.
std::string csv_record(const std::vector<std::string>& cells);

// Columns padded to their widest cell; the last column is not padded.
std::string align_columns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent = "");

// Each line of free text wrapped to fit the terminal (a no-op when style.width is 0).
std::string fit_to_width(const std::string& text, const Style& style);

// ANSI styling that is a no-op without colour.
std::string paint(const Style& style, std::string_view sgr, std::string_view text);

} // namespace touch
