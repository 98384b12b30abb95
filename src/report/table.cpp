#include "touch/report/table.hpp"

#include "touch/util/text.hpp"

#include <algorithm>

namespace touch {

void append_csv_field(std::string& out, std::string_view cell) {
    bool formula =
        !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos;
    // Numbers like -3 are safe and stay as they are.
    if (formula && cell.size() > 1 && cell[0] == '-' &&
        cell.find_first_not_of("0123456789.", 1) == std::string_view::npos)
        formula = false;
    // A plain loop: find_first_of searches the four characters for every byte.
    bool quoted = std::any_of(cell.begin(), cell.end(), [](char c) {
        return c == ',' || c == '"' || c == '\r' || c == '\n';
    });
    if (quoted) out += '"';
    if (formula) out += '\'';
    if (!quoted) {
        out += cell;
        return;
    }
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string csv_record(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        append_csv_field(out, cells[i]);
    }
    out += "\r\n";
    return out;
}

void Table::add(const std::vector<Cell>& row) {
    for (auto& cell : row) {
        text_ += cell.text;
        end_cell(cell.sgr, cell.whole);
    }
    if (columns_.empty()) ++rows_;
}

void Table::cell(std::string_view text, const char* sgr) {
    text_ += text;
    end_cell(sgr);
}

void Table::end_cell_shorter(const std::vector<std::string>& shorter, const char* sgr) {
    auto size = text_.size() - open_;
    for (auto& form : shorter) {
        text_ += '\x1f';
        text_ += form;
    }
    end_cell(sgr);
    cells_.back().shorter = cells_.back().size - size;
    cells_.back().size = size;
}

void Table::end_cell(const char* sgr, bool whole) {
    Stored cell;
    cell.offset = open_;
    cell.size = text_.size() - open_;
    cell.sgr = sgr;
    cell.whole = whole;
    cells_.push_back(cell);
    open_ = text_.size();
    if (++filled_ == columns_.size()) {
        filled_ = 0;
        ++rows_;
    }
}

void Table::append(const Table& later) {
    auto shift = text_.size();
    text_ += later.text_;
    cells_.reserve(cells_.size() + later.cells_.size());
    for (auto cell : later.cells_) {
        cell.offset += shift;
        cells_.push_back(cell);
    }
    rows_ += later.rows_;
    open_ = text_.size();
}

std::string Table::csv() const {
    std::string out;
    auto record = [&](auto text_of_column) {
        bool first = true;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            if (columns_[i].shown == Shown::text) continue;
            if (!first) out += ',';
            first = false;
            append_csv_field(out, text_of_column(i));
        }
        out += "\r\n";
    };
    record([&](std::size_t i) { return std::string_view(columns_[i].name); });
    for (std::size_t r = 0; r < rows_; ++r)
        record([&](std::size_t i) { return text_of(cells_[r * columns_.size() + i]); });
    return out;
}

namespace {

constexpr std::size_t shortest = 10;           // a shortened cell keeps at least this much
constexpr std::string_view continued = "    "; // a wrapped row's second line, under its first

// Which shown columns go on each line of a row (the first line, then its
// continuations), and the width each column gets.
struct Layout {
    std::vector<std::vector<std::size_t>> lines;
    std::vector<std::size_t> widths;
};

// Gives the columns of one line their widths within `room`: the others keep
// their natural width and shortened ones share what is left. False when even
// the shortest shortened cells do not fit.
bool fit_line(const std::vector<std::size_t>& line, const std::vector<std::size_t>& natural,
              const std::vector<Fit>& fit, std::size_t room, std::vector<std::size_t>& widths,
              std::size_t shortest_cell = shortest) {
    std::size_t kept = line.empty() ? 0 : 2 * (line.size() - 1), least = 0;
    std::vector<std::size_t> want;
    for (auto c : line) {
        if (fit[c] == Fit::shorten) {
            want.push_back(natural[c]);
            least += std::min(natural[c], shortest_cell);
        } else {
            kept += natural[c];
        }
    }
    bool fits = kept + least <= room;
    auto given = share_width(want, fits ? room - kept : least);
    std::size_t j = 0;
    for (auto c : line) {
        widths[c] = natural[c];
        if (fit[c] != Fit::shorten) continue;
        widths[c] = fits ? given[j] : std::min(natural[c], shortest_cell);
        ++j;
    }
    return fits;
}

// A line that does not fit splits: the contact and what follows it go to a
// continuation line first, then columns from the right, and so on for the
// continuation; a single column that still does not fit is wrapped when drawn.
void split_lines(Layout& layout, const std::vector<std::size_t>& natural,
                 const std::vector<Fit>& fit, std::size_t indent, std::size_t width) {
    for (std::size_t k = 0; k < layout.lines.size(); ++k) {
        auto used = indent + (k > 0 ? continued.size() : 0);
        auto room = width > used ? width - used : 0;
        auto line = layout.lines[k];
        if (fit_line(line, natural, fit, room, layout.widths)) continue;
        // The contact takes what follows it along: the reason after it gets
        // the room of a line the contact shares with nothing else.
        auto contact = std::find_if(line.begin() + 1, line.end(),
                                    [&](std::size_t c) { return fit[c] == Fit::whole; });
        std::vector<std::size_t> rest(contact, line.end());
        line.erase(contact, line.end());
        while (!fit_line(line, natural, fit, room, layout.widths) && line.size() > 1) {
            rest.insert(rest.begin(), line.back());
            line.pop_back();
        }
        if (!fit_line(line, natural, fit, room, layout.widths))
            fit_line(line, natural, fit, room, layout.widths, 2);
        layout.lines[k] = line;
        if (!rest.empty()) layout.lines.push_back(std::move(rest));
    }
}

// How much of its shortened columns a layout shows.
std::size_t shown_of(const Layout& layout, const std::vector<std::size_t>& natural,
                     const std::vector<Fit>& fit) {
    std::size_t total = 0;
    for (std::size_t c = 0; c < natural.size(); ++c)
        if (fit[c] == Fit::shorten) total += std::min(natural[c], layout.widths[c]);
    return total;
}

// The columns on one line when they fit whole, else the layout that shows
// the more of the shortened ones: all on one line, cut; or the contact and
// what follows it (without a contact: what follows the first shortened
// column, the name) on a continuation line. So a wider terminal never shows
// less than a narrower one, where the split gave the name and the reason
// more room; of two that show as much, the one with fewer lines.
Layout lay_out_columns(const std::vector<std::size_t>& natural, const std::vector<Fit>& fit,
                       std::size_t indent, std::size_t width) {
    Layout layout;
    layout.widths = natural;
    layout.lines.emplace_back();
    for (std::size_t c = 0; c < natural.size(); ++c)
        layout.lines[0].push_back(c);
    if (width == 0) return layout;
    auto one = layout;
    split_lines(layout, natural, fit, indent, width);
    auto shown = shown_of(layout, natural, fit);
    const auto& all = one.lines[0];
    auto contact = std::find_if(all.begin() + 1, all.end(),
                                [&](std::size_t c) { return fit[c] == Fit::whole; });
    auto name =
        std::find_if(all.begin(), all.end(), [&](std::size_t c) { return fit[c] == Fit::shorten; });
    auto at = contact != all.end() ? contact : name == all.end() ? all.end() : name + 1;
    if (at == all.end()) return layout;
    auto alternative = one;
    alternative.lines[0].assign(all.begin(), at);
    alternative.lines.emplace_back(at, all.end());
    split_lines(alternative, natural, fit, indent, width);
    auto more = shown_of(alternative, natural, fit);
    if (more > shown || (more == shown && alternative.lines.size() < layout.lines.size()))
        return alternative;
    return layout;
}

// What a line shows of one cell: its text (or its column's blank) and width.
struct CellView {
    std::string_view text;
    std::size_t width = 0;
    const char* sgr = nullptr;
    bool whole = false;
    std::string_view shorter; // Table::end_cell_shorter's forms, each after a '\x1f'
};

// The first of a cell's shorter forms that fits `width`, else the last.
std::string_view shorter_form(std::string_view forms, std::size_t width) {
    std::string_view form;
    while (!forms.empty()) {
        forms.remove_prefix(1); // its '\x1f'
        auto end = std::min(forms.find('\x1f'), forms.size());
        form = forms.substr(0, end);
        forms.remove_prefix(end);
        if (display_width(form) <= width) break;
    }
    return form;
}

// One line of every row: the columns on it, and how each is drawn.
struct LineLayout {
    std::vector<std::size_t> columns;
    std::vector<std::size_t> widths;
    std::vector<bool> shortened;
    std::string indent;
    std::size_t indent_width = 0;

    // Appends the line of `row` (a view per shown column): each cell padded
    // to its column's width, the last one not, trailing spaces dropped; a
    // cell wider than a shortened column is shortened with "…" unless it is
    // kept whole. Returns its width in columns, colour codes aside.
    std::size_t append(std::string& out, const std::vector<CellView>& row, bool color,
                       std::string& scratch) const {
        out += indent;
        std::size_t used = indent_width;
        std::size_t pending = 0; // padding written only when something follows
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto& cell = row[columns[i]];
            auto text = cell.text;
            auto width = cell.width;
            if (shortened[i] && !cell.whole && width > widths[i]) {
                if (!cell.shorter.empty()) text = shorter_form(cell.shorter, widths[i]);
                assign_shortened(scratch, text, widths[i]);
                text = scratch;
                width = display_width(text);
            }
            if (!text.empty()) {
                out.append(pending, ' ');
                used += pending + width;
                pending = 0;
                if (cell.sgr && color)
                    append_painted(out, Style{true}, cell.sgr, text);
                else
                    out += text;
            }
            if (i + 1 < columns.size()) pending += widths[i] - std::min(widths[i], width) + 2;
        }
        return used;
    }

    // Appends the line drawn plain and wrapped if it is still too wide, so
    // nothing is ever cut; else in colour when there is colour. Returns the
    // width of what it wrote, as a reader of the text would measure it.
    std::size_t draw(std::string& out, const std::vector<CellView>& row, const Style& style,
                     std::string& scratch) const {
        auto start = out.size();
        auto width = append(out, row, false, scratch);
        if (style.width > 0 && width > style.width) {
            auto wrapped = wrap_to_width(std::string_view(out).substr(start), style.width);
            out.resize(start);
            out += wrapped;
            return display_width(wrapped);
        }
        // Without colour the line is drawn already: thousands of rows are drawn once each.
        if (!style.color) return width;
        out.resize(start);
        append(out, row, true, scratch);
        return display_width(std::string_view(out).substr(start));
    }
};

} // namespace

std::string_view TableText::operator[](std::size_t i) const {
    auto from = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(from, ends_[i] - 1 - from);
}

std::string_view TableText::lines(std::size_t from, std::size_t to) const {
    auto begin = from == 0 ? 0 : ends_[from - 1];
    auto end = to == 0 ? 0 : ends_[to - 1];
    return std::string_view(text_).substr(begin, end - begin);
}

TableText Table::lines(const Style& style, std::string_view indent, bool header) const {
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].shown != Shown::csv) shown.push_back(i);
    std::vector<std::string> names;
    std::vector<CellView> heads, blanks;
    std::vector<Fit> fit;
    for (auto i : shown) {
        names.push_back(to_upper(columns_[i].name));
        blanks.push_back({columns_[i].blank, display_width(columns_[i].blank), nullptr, false, {}});
        fit.push_back(columns_[i].fit);
    }
    for (auto& name : names)
        heads.push_back({name, display_width(name), nullptr, false, {}});
    // Every shown cell's width, measured once: an empty cell shows its column's blank.
    std::vector<std::size_t> widths(rows_ * shown.size());
    std::vector<std::size_t> natural(shown.size(), 0);
    if (header)
        for (std::size_t k = 0; k < shown.size(); ++k)
            natural[k] = heads[k].width;
    for (std::size_t r = 0, i = 0; r < rows_; ++r)
        for (std::size_t k = 0; k < shown.size(); ++k, ++i) {
            const auto& cell = cells_[r * columns_.size() + shown[k]];
            widths[i] = cell.size == 0 ? blanks[k].width : display_width(text_of(cell));
            natural[k] = std::max(natural[k], widths[i]);
        }
    std::vector<CellView> row(shown.size());
    auto view = [&](std::size_t r) -> const std::vector<CellView>& {
        for (std::size_t k = 0; k < shown.size(); ++k) {
            const auto& cell = cells_[r * columns_.size() + shown[k]];
            row[k] =
                cell.size == 0
                    ? blanks[k]
                    : CellView{
                          text_of(cell), widths[r * shown.size() + k], cell.sgr, cell.whole,
                          std::string_view(text_).substr(cell.offset + cell.size, cell.shorter)};
        }
        return row;
    };
    auto layout = lay_out_columns(natural, fit, display_width(indent), style.width);
    std::vector<LineLayout> line_layouts;
    for (std::size_t k = 0; k < layout.lines.size(); ++k) {
        LineLayout line;
        line.indent = std::string(indent) + std::string(k > 0 ? continued : "");
        line.indent_width = display_width(line.indent);
        for (auto c : layout.lines[k]) {
            line.columns.push_back(c);
            line.widths.push_back(layout.widths[c]);
            line.shortened.push_back(fit[c] == Fit::shorten);
        }
        line_layouts.push_back(std::move(line));
    }

    TableText out;
    std::size_t row_width = indent.size() + 1;
    for (std::size_t k = 0; k < shown.size(); ++k)
        row_width += natural[k] + 2;
    out.text_.reserve((rows_ + 1) * row_width);
    std::string scratch;
    auto draw_row = [&](const std::vector<CellView>& cells) {
        line_layouts[0].draw(out.text_, cells, style, scratch);
        for (std::size_t k = 1; k < line_layouts.size(); ++k) {
            // A continuation with nothing on it is left out.
            auto mark = out.text_.size();
            out.text_ += '\n';
            if (line_layouts[k].draw(out.text_, cells, style, scratch) <=
                line_layouts[k].indent.size())
                out.text_.resize(mark);
        }
        out.text_ += '\n';
        out.ends_.push_back(out.text_.size());
    };
    if (header) draw_row(heads);
    for (std::size_t r = 0; r < rows_; ++r)
        draw_row(view(r));
    return out;
}

std::string Table::text(const Style& style, std::string_view indent, bool header) const {
    return lines(style, indent, header).take();
}

std::string align_columns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent) {
    std::size_t n = 0;
    for (auto& row : rows)
        n = std::max(n, row.size());
    Table table(std::vector<Column>(n, Column("")));
    for (auto& row : rows) {
        std::vector<Cell> cells(row.begin(), row.end());
        cells.resize(n, Cell(""));
        table.add(std::move(cells));
    }
    return table.text(Style{}, indent);
}

std::string shorten_to_width(std::string_view s, std::size_t width) {
    std::string out;
    assign_shortened(out, s, width);
    return out;
}

void assign_shortened(std::string& out, std::string_view s, std::size_t width) {
    out.clear();
    if (display_width(s) <= width) {
        out += s;
        return;
    }
    if (width == 0) return;
    auto kept = clip_to_width(s, width - 1);
    while (!kept.empty() && kept.back() == ' ')
        kept.remove_suffix(1);
    out += kept;
    out += "…";
}

std::vector<std::size_t> share_width(const std::vector<std::size_t>& want, std::size_t budget) {
    std::vector<std::size_t> order(want.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return want[a] < want[b]; });
    std::vector<std::size_t> given(want.size(), 0);
    std::size_t left = budget, n = want.size();
    for (auto i : order) {
        given[i] = std::min(want[i], left / n--);
        left -= given[i];
    }
    return given;
}

std::string wrap_to_width(std::string_view line, std::size_t width) {
    if (width == 0 || display_width(line) <= width) return std::string(line);
    auto lead = line.find_first_not_of(' ');
    if (lead == std::string_view::npos) return {};
    // Continuations go two columns deeper, while that leaves room to write.
    std::string indent(lead + 2 < width / 2 ? lead + 2 : 0, ' ');
    std::string out;
    std::string_view rest = line;
    std::size_t skip = lead; // the first line keeps its own indent
    while (display_width(rest) > width - (out.empty() ? 0 : indent.size())) {
        auto room = width - (out.empty() ? 0 : indent.size());
        auto piece = clip_to_width(rest, room);
        auto space = piece.rfind(' ');
        std::size_t cut = space != std::string_view::npos && space > skip ? space : piece.size();
        if (cut == 0) cut = 1; // a character wider than the room: it still has to go somewhere
        auto head = rest.substr(0, cut);
        while (!head.empty() && head.back() == ' ')
            head.remove_suffix(1);
        if (!out.empty()) out += "\n" + indent;
        out += head;
        rest.remove_prefix(cut);
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
        skip = 0;
    }
    if (!rest.empty()) out += (out.empty() ? std::string() : "\n" + indent) + std::string(rest);
    return out;
}

std::string fit_to_width(const std::string& text, const Style& style) {
    if (style.width == 0) return text;
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        out += wrap_to_width(std::string_view(text).substr(pos, nl - pos), style.width);
        out += '\n';
        pos = nl + 1;
    }
    return out;
}

std::string paint(const Style& style, std::string_view sgr, std::string_view text) {
    std::string out;
    append_painted(out, style, sgr, text);
    return out;
}

void append_painted(std::string& out, const Style& style, std::string_view sgr,
                    std::string_view text) {
    if (!style.color || text.empty()) {
        out += text;
        return;
    }
    out += "\x1b[";
    out += sgr;
    out += 'm';
    out += text;
    out += "\x1b[0m";
}

} // namespace touch
