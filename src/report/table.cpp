#include "touch/table.hpp"

#include "touch/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

std::string csv_record(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        std::string cell = cells[i];
        if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) {
            // Numbers like -3 are safe and stay as they are.
            bool number = cell.size() > 1 && cell[0] == '-' &&
                          cell.find_first_not_of("0123456789.", 1) == std::string::npos;
            if (!number) cell = "'" + cell;
        }
        if (cell.find_first_of(",\"\r\n") != std::string::npos) {
            std::string quoted = "\"";
            for (char c : cell) {
                if (c == '"') quoted += '"';
                quoted += c;
            }
            quoted += '"';
            cell = std::move(quoted);
        }
        out += cell;
    }
    out += "\r\n";
    return out;
}

std::string Table::csv() const {
    auto pick = [&](auto text_of) {
        std::vector<std::string> cells;
        for (std::size_t i = 0; i < columns_.size(); ++i)
            if (columns_[i].shown != Shown::text) cells.push_back(text_of(i));
        return csv_record(cells);
    };
    std::string out = pick([&](std::size_t i) { return columns_[i].name; });
    for (auto& row : rows_)
        out += pick([&](std::size_t i) { return row[i].text; });
    return out;
}

namespace {

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

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
Layout lay_out_columns(const std::vector<std::size_t>& natural, const std::vector<Fit>& fit,
                       std::size_t indent, std::size_t width) {
    Layout layout;
    layout.widths = natural;
    layout.lines.emplace_back();
    for (std::size_t c = 0; c < natural.size(); ++c)
        layout.lines[0].push_back(c);
    if (width == 0) return layout;
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
    return layout;
}

// A line laid out from cells: each padded to its column's width, the last
// one not, trailing spaces dropped; a cell wider than a shortened column is
// shortened with "…" unless it is kept whole.
std::string lay_out(const std::vector<const Cell*>& cells, const std::vector<std::size_t>& widths,
                    const std::vector<bool>& shortened, std::string_view indent,
                    const Style& style) {
    std::string line(indent);
    std::size_t pending = 0; // padding written only when something follows
    std::string short_text;  // a shortened cell; the others are not copied
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto& cell = *cells[i];
        std::string_view text = cell.text;
        if (shortened[i] && !cell.whole) text = short_text = shorten_to_width(cell.text, widths[i]);
        if (!text.empty()) {
            line.append(pending, ' ');
            pending = 0;
            if (cell.sgr && style.color)
                line += paint(style, cell.sgr, text);
            else
                line += text;
        }
        if (i + 1 < cells.size())
            pending += widths[i] - std::min(widths[i], display_width(text)) + 2;
    }
    return line;
}

// One line of a row: its cells in `columns`; drawn plain and wrapped if it is
// still too wide, so nothing is ever cut.
std::string draw(const std::vector<const Cell*>& row, const std::vector<std::size_t>& columns,
                 const Layout& layout, const std::vector<Fit>& fit, std::string_view indent,
                 const Style& style) {
    std::vector<const Cell*> cells;
    std::vector<std::size_t> widths;
    std::vector<bool> shortened;
    for (auto c : columns) {
        cells.push_back(row[c]);
        widths.push_back(layout.widths[c]);
        shortened.push_back(fit[c] == Fit::shorten);
    }
    auto plain = lay_out(cells, widths, shortened, indent, Style{});
    if (style.width > 0 && display_width(plain) > style.width)
        return wrap_to_width(plain, style.width);
    // Without colour the line is drawn already: thousands of rows are drawn once each.
    if (!style.color) return plain;
    return lay_out(cells, widths, shortened, indent, style);
}

} // namespace

std::vector<std::string> Table::lines(const Style& style, std::string_view indent,
                                      bool header) const {
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].shown != Shown::csv) shown.push_back(i);
    std::vector<Cell> names, blanks;
    std::vector<Fit> fit;
    for (auto i : shown) {
        names.emplace_back(to_upper(columns_[i].name));
        blanks.emplace_back(columns_[i].blank);
        fit.push_back(columns_[i].fit);
    }
    std::vector<std::vector<const Cell*>> grid;
    if (header) {
        grid.emplace_back();
        for (auto& n : names)
            grid.back().push_back(&n);
    }
    for (auto& row : rows_) {
        grid.emplace_back();
        for (std::size_t k = 0; k < shown.size(); ++k) {
            const auto& cell = row[shown[k]];
            grid.back().push_back(cell.text.empty() ? &blanks[k] : &cell);
        }
    }
    std::vector<std::size_t> natural(shown.size(), 0);
    for (auto& cells : grid)
        for (std::size_t i = 0; i < cells.size(); ++i)
            natural[i] = std::max(natural[i], display_width(cells[i]->text));
    auto layout = lay_out_columns(natural, fit, display_width(indent), style.width);
    std::string more_indent = std::string(indent) + std::string(continued);
    std::vector<std::string> out;
    for (auto& cells : grid) {
        auto line = draw(cells, layout.lines[0], layout, fit, indent, style);
        for (std::size_t k = 1; k < layout.lines.size(); ++k) {
            auto more = draw(cells, layout.lines[k], layout, fit, more_indent, style);
            if (display_width(more) > more_indent.size()) line += "\n" + more;
        }
        out.push_back(std::move(line));
    }
    return out;
}

std::string Table::text(const Style& style, std::string_view indent, bool header) const {
    std::string out;
    for (auto& line : lines(style, indent, header)) {
        out += line;
        out += '\n';
    }
    return out;
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
    if (display_width(s) <= width) return std::string(s);
    if (width == 0) return {};
    auto kept = std::string(clip_to_width(s, width - 1));
    while (!kept.empty() && kept.back() == ' ')
        kept.pop_back();
    return kept + "…";
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
    if (!style.color || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
}

} // namespace touch
