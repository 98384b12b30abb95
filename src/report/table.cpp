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

// A line laid out from the text columns: each cell padded to its column's
// width, the last one not, trailing spaces dropped.
std::string lay_out(const std::vector<const Cell*>& cells, const std::vector<std::size_t>& widths,
                    std::string_view indent, const Style& style) {
    std::string line(indent);
    std::size_t pending = 0; // padding written only when something follows
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto& cell = *cells[i];
        if (!cell.text.empty()) {
            line.append(pending, ' ');
            pending = 0;
            line += cell.sgr ? paint(style, cell.sgr, cell.text) : cell.text;
        }
        if (i + 1 < cells.size()) pending += widths[i] - display_width(cell.text) + 2;
    }
    return line;
}

} // namespace

std::vector<std::string> Table::lines(const Style& style, std::string_view indent,
                                      bool header) const {
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].shown != Shown::csv) shown.push_back(i);
    std::vector<Cell> names, blanks;
    for (auto i : shown) {
        names.emplace_back(to_upper(columns_[i].name));
        blanks.emplace_back(columns_[i].blank);
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
    std::vector<std::size_t> widths(shown.size(), 0);
    for (auto& cells : grid)
        for (std::size_t i = 0; i < cells.size(); ++i)
            widths[i] = std::max(widths[i], display_width(cells[i]->text));
    std::vector<std::string> out;
    for (auto& cells : grid) {
        auto line = lay_out(cells, widths, indent, Style{false, 0});
        if (style.width > 0 && display_width(line) > style.width)
            out.emplace_back(clip_to_width(line, style.width));
        else
            out.push_back(lay_out(cells, widths, indent, style));
    }
    return out;
}

std::string Table::text(const Style& style, std::string_view indent, bool header) const {
    std::string out;
    for (auto& line : lines(style, indent, header))
        out += line + '\n';
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

std::string fit_to_width(const std::string& text, const Style& style) {
    if (style.width == 0) return text;
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        out += clip_to_width(std::string_view(text).substr(pos, nl - pos), style.width);
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
