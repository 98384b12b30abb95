// Tables as people and spreadsheets read them: a report builds its header and
// rows once, and the table renders them as aligned text (fitted to a
// terminal, coloured by the state of what a cell shows) or as RFC 4180 CSV.
#pragma once

#include "touch/core/shared_work.hpp"

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

// A table drawn as text: every line ends in a newline, all in one string.
class TableText {
public:
    std::size_t size() const { return ends_.size(); }
    bool empty() const { return ends_.empty(); }
    // Line `i` without its newline; a row that had to wrap holds its
    // continuation after a '\n'.
    std::string_view operator[](std::size_t i) const;
    // Lines [from, to), each with its newline: a run of rows in one piece.
    std::string_view lines(std::size_t from, std::size_t to) const;
    const std::string& str() const { return text_; }
    std::string take() { return std::move(text_); }
    friend bool operator==(const TableText&, const TableText&) = default;

private:
    friend class Table;
    std::string text_;
    std::vector<std::size_t> ends_; // past each line's newline
};

class Table {
public:
    explicit Table(std::vector<Column> columns)
        : columns_(std::move(columns)) {}
    // One row, a cell per column.
    void add(const std::vector<Cell>& row);
    // The same a cell at a time, straight into the table's one buffer (a
    // report of thousands of rows makes no string per cell): a row is
    // complete after a cell per column.
    void cell(std::string_view text, const char* sgr = nullptr);
    // A cell written in place: its text appended to next_cell() (what that
    // holds already belongs to the cells before), then end_cell().
    std::string& next_cell() { return text_; }
    void end_cell(const char* sgr = nullptr, bool whole = false);
    // end_cell for a cell that, where its column is too narrow for it, shows
    // the first of `shorter` (each shorter than the one before) that fits,
    // else the last one shortened: a row's reasons can keep each of several
    // in view instead of losing the last ones to "…". CSV has the full text.
    void end_cell_shorter(const std::vector<std::string>& shorter, const char* sgr = nullptr);
    // Room for `rows` rows of cells, when a report knows how many it writes.
    void reserve(std::size_t rows) { cells_.reserve(rows * columns_.size()); }
    // An empty table of the same columns.
    Table empty_copy() const { return Table(columns_); }
    // The rows of `later`, a table of the same columns written apart (on
    // another thread), after these. Both hold whole rows.
    void append(const Table& later);
    std::size_t size() const { return rows_; }
    bool empty() const { return rows_ == 0; }

    // The CSV columns' names, then every row.
    std::string csv() const;
    // One line per row (with `header`, the header first).
    TableText lines(const Style& style, std::string_view indent = "", bool header = false) const;
    // The same lines as one string.
    std::string text(const Style& style, std::string_view indent = "", bool header = false) const;

private:
    // A cell's text is text_[offset, offset + size).
    struct Stored {
        std::size_t offset = 0, size = 0;
        std::size_t shorter = 0; // the shorter forms after the text, each after a '\x1f'
        const char* sgr = nullptr;
        bool whole = false;
    };
    std::vector<Column> columns_;
    std::string text_;
    std::size_t open_ = 0; // where the cell being written begins in text_
    std::vector<Stored> cells_;
    std::size_t filled_ = 0; // cells of the row being written
    std::size_t rows_ = 0;
    std::string_view text_of(const Stored& cell) const {
        return std::string_view(text_).substr(cell.offset, cell.size);
    }
};

// From this many rows on, fill_rows writes the later half on a helper.
inline constexpr std::size_t parallel_table_rows = 1000;

// Rows 0 to n - 1 of `table`, row i as `row(table, i)` writes it. From
// parallel_table_rows rows on, the later half goes into a table of its own
// on a helper thread at once and is appended after: the same table. `row`
// must only read what it shares.
template <typename Row> void fill_rows(Table& table, std::size_t n, const Row& row) {
    if (n < parallel_table_rows) {
        for (std::size_t i = 0; i < n; ++i)
            row(table, i);
        return;
    }
    auto later = table.empty_copy();
    later.reserve(n - n / 2);
    share_work(2, 2, [&](std::size_t half, std::size_t) {
        for (auto i = half == 0 ? 0 : n / 2; i < (half == 0 ? n / 2 : n); ++i)
            row(half == 0 ? table : later, i);
    });
    table.append(later);
}

// Shortened to `width` columns, ending in "…" when anything was left out.
std::string shorten_to_width(std::string_view s, std::size_t width);
// The same into `out`, replacing what it held: its buffer serves row after row.
void assign_shortened(std::string& out, std::string_view s, std::size_t width);

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
// One field of it, appended.
void append_csv_field(std::string& out, std::string_view cell);

// Columns padded to their widest cell; the last column is not padded.
std::string align_columns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent = "");

// Each line of free text wrapped to fit the terminal (a no-op when style.width is 0).
std::string fit_to_width(const std::string& text, const Style& style);

// ANSI styling that is a no-op without colour.
std::string paint(const Style& style, std::string_view sgr, std::string_view text);
// The same, appended.
void append_painted(std::string& out, const Style& style, std::string_view sgr,
                    std::string_view text);

} // namespace touch
