#include "touch/engine/suggest.hpp"

#include "collect.hpp"

#include "touch/config/config.hpp"
#include "touch/core/shared_work.hpp"
#include "touch/engine/people.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <iterator>
#include <numeric>
#include <optional>
#include <tuple>

namespace touch {

namespace {

// What ranks_before compares, taken from a row once: a sort compares each
// row many times. Time-bound first, then urgency and overdue days, highest
// first, are packed into two words that compare as the three do; the
// client's id and the channel decide the rest.
struct RankKey {
    std::uint64_t high; // not time-bound, then the top 63 bits of -urgency
    std::uint64_t low;  // the last bit of -urgency, then -overdue
    std::string_view client;
    ChannelId channel;

    friend bool operator<(const RankKey& a, const RankKey& b) {
        if (a.high != b.high) return a.high < b.high;
        if (a.low != b.low) return a.low < b.low;
        return std::tie(a.client, a.channel) < std::tie(b.client, b.channel);
    }
};

// A double's bits as an unsigned number in the double's own order.
std::uint64_t ordered_bits(double x) {
    if (x == 0) x = 0; // -0 and +0 rank alike
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

RankKey make_rank_key(bool time_bound, double urgency, int overdue, std::string_view client,
                      ChannelId channel) {
    auto u = ordered_bits(-urgency);
    auto o = static_cast<std::uint32_t>(-static_cast<std::int64_t>(overdue)) ^ 0x80000000U;
    return {(time_bound ? 0 : std::uint64_t{1} << 63) | (u >> 1),
            (u & 1) << 63 | std::uint64_t{o} << 31, client, channel};
}

template <class Row> RankKey rank_key(const Config& config, const Row& s) {
    return make_rank_key(s.time_bound, s.urgency, s.overdue,
                         config.clients[static_cast<std::size_t>(s.client())].id, s.channel());
}

} // namespace

bool ranks_before(const Config& config, const Suggestion& a, const Suggestion& b) {
    return rank_key(config, a) < rank_key(config, b);
}

const Obligation& Suggestion::most_overdue() const {
    const Obligation* first = &primary;
    for (auto& ob : also)
        if (ob.due < first->due) first = &ob;
    return *first;
}

namespace {

bool matches(const Config& config, const Client& c, const SuggestFilter& filter) {
    (void)config;
    if (!filter.tag.empty() && !c.has_tag(filter.tag)) return false;
    if (!filter.city.empty() && !equals_ci(c.city, filter.city)) return false;
    return true;
}

// Appends the row of one obligation, made in its place.
void add_single(std::vector<Suggestion>& rows, Obligation&& ob, Date day) {
    bool time_bound = ob.kind != ObligationKind::cadence;
    auto urgency = ob.urgency(day);
    auto overdue = static_cast<int>((day - ob.due).count());
    rows.push_back(Suggestion{std::move(ob), {}, time_bound, urgency, overdue, day});
}

// `keep` settles what `gone` asked for too.
void absorb(Suggestion& keep, Suggestion&& gone) {
    keep.also.push_back(std::move(gone.primary));
    for (auto& ob : gone.also)
        keep.also.push_back(std::move(ob));
    keep.time_bound = keep.time_bound || gone.time_bound;
    keep.urgency = std::max(keep.urgency, gone.urgency);
    keep.overdue = std::max(keep.overdue, gone.overdue);
}

// A row of a plan's day as the settling sees it: what ranks it, and the
// obligations it settles as a list of slots threaded through `next`, so that
// absorbing a row moves no obligation. Only the rows a day shows are made
// into Suggestions.
// What a PlanRow settles, one obligation each, and the next of its row.
struct PlanSlot {
    const Obligation* ob;
    InView view;
    std::uint32_t next;
};

struct PlanRow {
    bool time_bound = false;
    double urgency = 0;
    int overdue = 0;
    int client_ = 0;
    ChannelId channel_ = 0;
    std::uint32_t first = 0, last = 0; // its slots: the primary first
    std::vector<PlanSlot>* slots = nullptr;

    int client() const { return client_; }
    ChannelId channel() const { return channel_; }
};

// As absorb() above: `gone`'s slots follow `keep`'s.
void absorb(PlanRow& keep, PlanRow&& gone) {
    (*keep.slots)[keep.last].next = gone.first;
    keep.last = gone.last;
    keep.time_bound = keep.time_bound || gone.time_bound;
    keep.urgency = std::max(keep.urgency, gone.urgency);
    keep.overdue = std::max(keep.overdue, gone.overdue);
}

template <class Row>
std::vector<RankKey> rank_keys(const Config& config, const std::vector<Row>& rows) {
    std::vector<RankKey> keys;
    keys.reserve(rows.size());
    for (auto& row : rows)
        keys.push_back(rank_key(config, row));
    return keys;
}

// Rows of a ranked list put together: some rows (heads) absorb others, as
// absorb() does, and the heads are ranked again. Worked out on positions and
// keys, and made in place (make).
class Combined {
public:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    template <class Row>
    Combined(const Config& config, const std::vector<Row>& rows)
        : keys_(rank_keys(config, rows))
        , first_(rows.size(), none)
        , last_(rows.size(), none)
        , next_(rows.size(), none) {
        ranks_.reserve(rows.size());
        for (auto& row : rows)
            ranks_.push_back({row.time_bound, row.urgency, row.overdue});
    }

    const RankKey& key(std::size_t row) const { return keys_[row]; }

    void add_head(std::size_t row) {
        heads_.push_back(row);
        risen_.push_back(0);
    }
    std::size_t heads() const { return heads_.size(); }
    std::size_t head(std::size_t h) const { return heads_[h]; }

    // Head h absorbs `row`, after what it absorbed before.
    void absorb(std::size_t h, std::size_t row) {
        auto head = heads_[h];
        auto& rank = ranks_[head];
        const auto& gone = ranks_[row];
        // As absorb() combines them.
        rank.time_bound = rank.time_bound || gone.time_bound;
        rank.urgency = std::max(rank.urgency, gone.urgency);
        rank.overdue = std::max(rank.overdue, gone.overdue);
        auto& key = keys_[head];
        key = make_rank_key(rank.time_bound, rank.urgency, rank.overdue, key.client, key.channel);
        risen_[h] = 1;
        if (last_[head] == none)
            first_[head] = row;
        else
            next_[last_[head]] = row;
        last_[head] = row;
    }

    // The heads in rank order, made whole in `rows` itself: each absorbs
    // what it absorbed, then the heads move to the front in rank order and
    // the rest is dropped. Made in a vector of their own, the rows were
    // moved into memory never touched before, a page fault every 21 rows
    // (with 5,000 clients 0.4 ms a half at each of two steps). A head is one
    // client and channel, so no two rank alike and any sort gives rank()'s
    // order. When the heads came in rank order (`in_order`), absorbing only
    // raised some (bound, urgency and overdue days only grow) and the others
    // are in order still: only the risen are sorted, then merged in.
    template <class Row> void make(std::vector<Row>& rows, bool in_order) const {
        std::vector<std::size_t> stayed, rose;
        for (std::size_t h = 0; h < heads_.size(); ++h)
            (risen_[h] || !in_order ? rose : stayed).push_back(heads_[h]);
        auto by_key = [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; };
        std::sort(rose.begin(), rose.end(), by_key);
        std::vector<std::size_t> order(heads_.size());
        std::merge(stayed.begin(), stayed.end(), rose.begin(), rose.end(), order.begin(), by_key);
        for (auto head : order)
            for (auto row = first_[head]; row != none; row = next_[row])
                touch::absorb(rows[head], std::move(rows[row]));
        // Head order[k] goes to k: each chain of moves starts at a head and
        // ends at a place whose row is not needed (absorbed, or not shown),
        // or where it began (a cycle).
        std::vector<std::size_t> to(rows.size(), none);
        for (std::size_t k = 0; k < order.size(); ++k)
            to[order[k]] = k;
        std::vector<char> moved(rows.size(), 0);
        for (std::size_t start = 0; start < rows.size(); ++start) {
            if (to[start] == none || moved[start]) continue;
            moved[start] = 1;
            if (to[start] == start) continue;
            Row carried = std::move(rows[start]);
            auto at = to[start];
            while (to[at] != none && !moved[at]) {
                moved[at] = 1;
                std::swap(carried, rows[at]);
                at = to[at];
            }
            rows[at] = std::move(carried);
        }
        rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(order.size()), rows.end());
    }

private:
    struct Rank {
        bool time_bound;
        double urgency;
        int overdue;
    };
    std::vector<Rank> ranks_; // a head's: with what it absorbed
    std::vector<RankKey> keys_;
    std::vector<std::size_t> first_, last_, next_; // what each head absorbed, in order
    std::vector<std::size_t> heads_;
    std::vector<char> risen_; // per head: absorbed something
};

// The rows of each client in the order they were added: a list per client
// threaded through the rows, with no vector of its own for each client.
class ClientRows {
public:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    explicit ClientRows(std::size_t clients)
        : first_(clients, none)
        , last_(clients, none) {}
    std::size_t first(std::size_t client) const { return first_[client]; }
    std::size_t next(std::size_t row) const { return next_[row]; }
    // Rows are appended in increasing order.
    void append(std::size_t client, std::size_t row) {
        if (next_.size() <= row) next_.resize(row + 1, none);
        if (last_[client] == none)
            first_[client] = row;
        else
            next_[last_[client]] = row;
        last_[client] = row;
    }

private:
    std::vector<std::size_t> first_, last_, next_;
};

// One row per obligation, then rows of one client on the same channel (or on
// channels that cover each other) made one: they are the same touch. Ranked.
template <class Row>
std::vector<Row> same_touch_rows(const Config& config, std::vector<Row> singles) {
    Combined rows(config, singles);
    // A row takes in only rows of its own client, in rank order: so the
    // singles are grouped by client, keeping their order (a counting sort),
    // and each group is ranked on its own, ties in the order they came.
    auto clients = config.clients.size();
    std::vector<std::size_t> start(clients + 1, 0);
    for (auto& s : singles)
        ++start[static_cast<std::size_t>(s.client()) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::size_t> order(singles.size());
    {
        auto next = start;
        for (std::size_t i = 0; i < singles.size(); ++i)
            order[next[static_cast<std::size_t>(singles[i].client())]++] = i;
    }
    auto ranks_first = [&](std::size_t a, std::size_t b) {
        if (rows.key(a) < rows.key(b)) return true;
        return !(rows.key(b) < rows.key(a)) && a < b;
    };
    for (std::size_t client = 0; client < clients; ++client) {
        auto begin = order.begin() + static_cast<std::ptrdiff_t>(start[client]);
        auto end = order.begin() + static_cast<std::ptrdiff_t>(start[client + 1]);
        std::sort(begin, end, ranks_first);
        auto first_head = rows.heads(); // this client's heads are the last made
        for (auto it = begin; it != end; ++it) {
            auto ch = singles[*it].channel();
            auto same = first_head;
            while (same < rows.heads()) {
                auto head_ch = singles[rows.head(same)].channel();
                if (config.counts_as(head_ch, ch) && config.counts_as(ch, head_ch)) break;
                ++same;
            }
            if (same < rows.heads())
                rows.absorb(same, *it);
            else
                rows.add_head(*it);
        }
    }
    rows.make(singles, false);
    return singles;
}

struct SettleMode {
    bool capped = false;         // apply per_day
    bool one_per_client = false; // plan: one touch per client a day
};

// Which rows are shown and which row each folded row went into.
struct Settling {
    static constexpr std::size_t none = ClientRows::none;
    explicit Settling(std::size_t rows)
        : into(rows, none)
        , shown(rows, 0) {}
    std::vector<std::size_t> into; // none: not folded
    std::vector<char> shown;

    std::size_t root(std::size_t i) const {
        while (into[i] != none)
            i = into[i];
        return i;
    }
};

template <class Row> bool strictly_covers(const Config& config, const Row& a, const Row& b) {
    return config.counts_as(a.channel(), b.channel()) &&
           !config.counts_as(b.channel(), a.channel());
}

// Shows the rows not folded, in rank order, while their channel's cap and
// the day's have room. In a plan a client has one touch a day: a later row
// of theirs waits, unless it settles the shown one too, which then folds
// into it. True when a row folded: the round is then begun again.
template <class Row>
bool show_in_rank_order(const Config& config, const std::vector<Row>& rows, SettleMode mode,
                        Settling& s) {
    constexpr auto none = Settling::none;
    std::fill(s.shown.begin(), s.shown.end(), 0);
    std::vector<int> used(config.channels.size(), 0);
    int used_all = 0;
    const auto& cap_all = config.settings.per_day;
    std::vector<std::size_t> client_row(config.clients.size(), none);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (s.into[i] != none) continue;
        auto ch = static_cast<std::size_t>(rows[i].channel());
        const auto& cap = config.channels[ch].per_day;
        if (mode.capped && cap && used[ch] >= *cap) continue;
        if (mode.capped && cap_all && used_all >= *cap_all) continue;
        auto& mine = client_row[static_cast<std::size_t>(rows[i].client())];
        if (mode.one_per_client && mine != none) {
            if (!strictly_covers(config, rows[i], rows[mine])) continue;
            s.into[mine] = i;
            return true;
        }
        s.shown[i] = 1;
        ++used[ch];
        ++used_all;
        mine = i;
    }
    return false;
}

// Folds each row not shown into the best ranked shown row of its client that
// strictly covers it. True when a row folded.
template <class Row>
bool fold_into_shown(const Config& config, const std::vector<Row>& rows,
                     const ClientRows& of_client, Settling& s) {
    constexpr auto none = Settling::none;
    bool changed = false;
    for (std::size_t client = 0; client < config.clients.size(); ++client) {
        for (auto i = of_client.first(client); i != none; i = of_client.next(i)) {
            if (s.into[i] != none) continue;
            for (auto j = of_client.first(client); j != none; j = of_client.next(j)) {
                if (s.shown[j] && strictly_covers(config, rows[j], rows[i])) {
                    s.into[i] = j; // j ranks best of the shown that cover i
                    changed = true;
                    break;
                }
            }
        }
    }
    return changed;
}

// The shown rows with what folded into them, most urgent first, and how many
// rows each channel's cap hid.
template <class Row> struct CappedRows {
    std::vector<Row> shown;
    std::vector<std::pair<ChannelId, int>> hidden;
};

template <class Row>
CappedRows<Row> combine(const Config& config, std::vector<Row>& rows, const Settling& s) {
    constexpr auto none = Settling::none;
    auto n = rows.size();
    CappedRows<Row> out;
    Combined combined(config, rows);
    std::vector<int> hidden(config.channels.size(), 0);
    std::vector<std::size_t> head_of(n, none);
    for (std::size_t i = 0; i < n; ++i) {
        if (s.into[i] != none) continue;
        if (!s.shown[i]) {
            ++hidden[static_cast<std::size_t>(rows[i].channel())];
            continue;
        }
        head_of[i] = combined.heads();
        combined.add_head(i);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (s.into[i] == none) continue;
        auto r = s.root(i);
        if (head_of[r] == none) continue; // counted with its root
        combined.absorb(head_of[r], i);
    }
    for (std::size_t ch = 0; ch < hidden.size(); ++ch)
        if (hidden[ch] > 0) out.hidden.emplace_back(static_cast<ChannelId>(ch), hidden[ch]);
    // A combined row ranks by the most urgent of what it settles.
    combined.make(rows, true);
    out.shown = std::move(rows);
    return out;
}

// Decides which rows are shown and folds covered rows into shown covering
// rows of the same client. `rows` are ranked and hold one touch each. Folding
// frees a place under the covered channel's cap, so the two steps repeat
// until nothing more folds; every round folds at least one row, and a row
// once folded stays folded, so this ends.
template <class Row>
CappedRows<Row> settle(const Config& config, std::vector<Row> rows, SettleMode mode) {
    ClientRows of_client(config.clients.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        of_client.append(static_cast<std::size_t>(rows[i].client()), i);
    Settling settling(rows.size());
    while (show_in_rank_order(config, rows, mode, settling) ||
           fold_into_shown(config, rows, of_client, settling)) {
    }
    return combine(config, rows, settling);
}

// Per person of [people]: away on history.today().
std::vector<char> people_away(const Config& config, const History& history) {
    std::vector<char> away(config.people.size(), 0);
    for (std::size_t p = 0; p < away.size(); ++p) {
        const auto& own = history.person_away(static_cast<int>(p));
        away[p] = own && own->until > history.today() ? 1 : 0;
    }
    return away;
}

// Whether the view shows one obligation of a client the view shows as
// `shown`: a follow-up is its maker's (SPEC §7).
InView obligation_view(const Client& client, const Obligation& ob, InView shown,
                       const SuggestFilter& filter, const std::vector<char>& away) {
    if (ob.kind == ObligationKind::rule && ob.made_by != 0)
        return follow_up_in_view(client, ob.made_by, filter.person, away);
    return shown;
}

// What the row says of the view: who made the touch a follow-up follows up,
// and whose time away it covers.
void mark_view(const History& history, const SuggestFilter& filter, InView view, Obligation& ob) {
    if (ob.kind == ObligationKind::rule && ob.made_by != 0) ob.say_who = !filter.person;
    if (view.cover_for >= 0) {
        ob.cover_for = view.cover_for;
        ob.cover_until = history.person_away(view.cover_for)->until;
    }
}

// Every obligation due on history.today() of the clients [begin, end), one
// row each, in client order.
std::vector<Suggestion> due_rows(const Config& config, const History& history,
                                 const SuggestFilter& filter, const std::vector<char>& away,
                                 std::size_t begin, std::size_t end) {
    // The obligations first, then the rows in a vector of the right size:
    // a row is larger than an obligation, and costlier to move.
    std::vector<Obligation> due;
    // Room for a few obligations a client at once: grown a row at a time, the
    // vector was copied over and over, each copy into memory not yet
    // touched. Room never used costs nothing (it is never touched).
    due.reserve((end - begin) * (config.channels.size() + 2));
    Shortcuts shortcuts(config);
    auto today = history.today();
    auto not_shown = [&](const Obligation& ob) {
        return ob.due > today || ob.expired(today) ||
               (filter.channel && ob.channel != *filter.channel);
    };
    auto own_follow_ups = filter.person ? person_bit(*filter.person) : 0;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& client = config.clients[i];
        if (!matches(config, client, filter)) continue;
        auto shown = shown_while_away(client, filter.person, away);
        // A follow-up is its maker's (SPEC §7), so a client not in view may
        // still owe one in it.
        if (!shown.shown && !(history.follow_up_makers(static_cast<int>(i)) & own_follow_ups))
            continue;
        auto mine = due.size();
        collect_obligations(config, history, static_cast<int>(i), due, &shortcuts);
        auto in_view = [&](Obligation& ob) {
            auto view = obligation_view(client, ob, shown, filter, away);
            mark_view(history, filter, view, ob);
            return view.shown;
        };
        auto kept = due.begin() + static_cast<std::ptrdiff_t>(mine);
        for (auto ob = kept; ob != due.end(); ++ob) {
            if (not_shown(*ob) || !in_view(*ob)) continue;
            if (kept != ob) *kept = std::move(*ob);
            ++kept;
        }
        due.erase(kept, due.end());
    }
    std::vector<Suggestion> rows;
    rows.reserve(due.size());
    for (auto& ob : due)
        add_single(rows, std::move(ob), today);
    return rows;
}

// Every obligation due on history.today(), one row each, in client order.
std::vector<Suggestion> due_rows(const Config& config, const History& history,
                                 const SuggestFilter& filter) {
    return due_rows(config, history, filter, people_away(config, history), 0,
                    config.clients.size());
}

// same_touch_rows(due_rows()), and with `settled` those settled uncapped as
// suggest() shows them. From suggest_parallel_clients clients on, each half
// of the clients on a thread of its own, and the two ranked lists merged: a
// row's rank key holds its client, so no row of one half ranks alike with a
// row of the other, and the merge is the one ranking. Settling uncapped
// only folds a client's rows into that client's, so each half is settled on
// its own thread too: the same rows, in the same order, as the whole
// settled after the merge.
std::vector<Suggestion> ranked_rows(const Config& config, const History& history,
                                    const SuggestFilter& filter, std::size_t threads,
                                    bool settled = false) {
    auto away = people_away(config, history);
    auto n = config.clients.size();
    std::size_t halves = threads > 1 && n >= suggest_parallel_clients ? 2 : 1;
    std::vector<Suggestion> rows[2];
    share_work(halves, 2, [&](std::size_t half, std::size_t) {
        rows[half] = same_touch_rows(config, due_rows(config, history, filter, away,
                                                      half * n / halves, (half + 1) * n / halves));
        if (settled) rows[half] = settle(config, std::move(rows[half]), {}).shown;
    });
    if (halves == 1) return std::move(rows[0]);
    auto& a = rows[0];
    auto& b = rows[1];
    auto keys_a = rank_keys(config, a), keys_b = rank_keys(config, b);
    std::vector<Suggestion> out;
    out.reserve(a.size() + b.size());
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size())
        out.push_back(keys_b[j] < keys_a[i] ? std::move(b[j++]) : std::move(a[i++]));
    std::move(a.begin() + static_cast<std::ptrdiff_t>(i), a.end(), std::back_inserter(out));
    std::move(b.begin() + static_cast<std::ptrdiff_t>(j), b.end(), std::back_inserter(out));
    return out;
}

// What a plan keeps of each client from day to day: its obligations, worked
// out again only when a planned touch changed its history or a day came that
// changes them. Of a client's obligations only a follow-up's trigger and a
// birthday depend on the day, and each changes only when the day passes its
// last day (`expires`): the next trigger or next year's birthday takes its
// place. What is due, how urgent and who is away are read off them each day.
class PlanClients {
public:
    // What a day reads of one obligation, in a few words: a day reads every
    // client's, and the obligations are large.
    struct Due {
        Date due;
        Date last;      // its last day shown: Date::max() when it has none
        Date from;      // explain_urgency's: what its urgency counts from
        int length = 1; // and its length in days, at least 1
        ChannelId channel = 0;
        bool time_bound = false;
        bool own_view = false; // a follow-up with a maker: obligation_view() asks
    };
    struct Kept {
        std::vector<Obligation> obligations;
        std::vector<Due> due; // per obligation, which do not change with the day
        Date first_due{};     // the soonest `due`: no row before it
        Date until{};         // worked out again on this day
        bool valid = false;
    };

    explicit PlanClients(const Config& config)
        : config_(config)
        , shortcuts_(config)
        , kept_(config.clients.size()) {
        ids_.reserve(config.clients.size());
        for (auto& c : config.clients)
            ids_.emplace_back(c.id);
    }

    // A client's id, from a table of their own: a client's record is large,
    // and every day ranks nearly every client by it.
    std::string_view id(std::size_t client) const { return ids_[client]; }

    const Kept& get(const History& history, int client) {
        auto& k = kept_[static_cast<std::size_t>(client)];
        auto today = history.today();
        if (k.valid && today < k.until) return k;
        k.obligations.clear();
        k.due.clear();
        collect_obligations(config_, history, client, k.obligations, &shortcuts_);
        k.until = Date::max();
        k.first_due = Date::max();
        for (auto& ob : k.obligations) {
            if (ob.expires) k.until = std::min(k.until, *ob.expires + Days{1});
            k.first_due = std::min(k.first_due, ob.due);
            auto why = explain_urgency(ob, today);
            k.due.push_back({ob.due, ob.expires.value_or(Date::max()), why.from,
                             std::max(1, why.length_days), ob.channel,
                             ob.kind != ObligationKind::cadence,
                             ob.kind == ObligationKind::rule && ob.made_by != 0});
        }
        k.valid = true;
        return k;
    }
    // A planned touch changed what the client owes.
    void touched(int client) { kept_[static_cast<std::size_t>(client)].valid = false; }

private:
    const Config& config_;
    Shortcuts shortcuts_;
    std::vector<Kept> kept_;
    std::vector<std::string_view> ids_;
};

// The same-touch rows of one part of a day's clients (a range of them) and
// the slots they settle. Each part is made on a thread of its own and writes
// only what it holds, and its clients' entries in PlanSettle's `begin`.
class PlanPart {
public:
    static constexpr std::uint32_t none = static_cast<std::uint32_t>(-1);

    std::vector<PlanRow> heads;  // grouped by client
    std::vector<RankKey> keys;   // per head
    std::vector<PlanSlot> slots; // what the heads settle
    std::vector<PlanRow> rows;   // of the client being read
    // Per channel: the part's heads, a heap by rank, made on its own thread.
    std::vector<std::vector<std::uint32_t>> heaps;
    // Per channel: a client with a row of it was left out under PlanLimits.
    std::vector<char> skipped;

    void clear() {
        heads.clear();
        keys.clear();
        slots.clear();
    }

    // same_touch_rows() for one client's `rows`, given in due_rows()' order;
    // `begin` gets the index of its first head in this part.
    void add_client(const Config& config, std::string_view id, std::uint32_t& begin);

    void make_heaps(std::size_t channels) {
        heaps.resize(channels);
        for (auto& heap : heaps)
            heap.clear();
        for (std::uint32_t h = 0; h < heads.size(); ++h)
            heaps[static_cast<std::size_t>(heads[h].channel())].push_back(h);
        auto later = [&](std::uint32_t a, std::uint32_t b) { return keys[b] < keys[a]; };
        for (auto& heap : heaps)
            std::make_heap(heap.begin(), heap.end(), later);
    }

private:
    // Whether two of `rows` are the same touch.
    bool any_same_touch(const Config& config) const {
        for (std::size_t i = 1; i < rows.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (config.counts_as(rows[i].channel(), rows[j].channel()) &&
                    config.counts_as(rows[j].channel(), rows[i].channel()))
                    return true;
        return false;
    }

    std::vector<std::uint32_t> order_; // add_client's, kept for their room
    std::vector<RankKey> single_keys_;
    std::vector<char> grew_; // per head of the client: absorbed a row
};

void PlanPart::add_client(const Config& config, std::string_view id, std::uint32_t& begin) {
    auto key_of = [&](const PlanRow& r) {
        return make_rank_key(r.time_bound, r.urgency, r.overdue, id, r.channel());
    };
    begin = static_cast<std::uint32_t>(heads.size());
    // Rows of channels no two of which count as each other stay rows of
    // their own, and a client's rows may stand in any order: a row ranks by
    // its key, and the settling looks at a client's rows as a set.
    if (!any_same_touch(config)) {
        for (auto& row : rows) {
            heads.push_back(row);
            keys.push_back(key_of(row));
        }
        return;
    }
    if (rows.size() == 2) { // the same touch twice: the better ranked takes in the other
        auto first = key_of(rows[0]), second = key_of(rows[1]);
        bool swap = std::tie(second.high, second.low, second.channel) <
                    std::tie(first.high, first.low, first.channel);
        auto& head = heads.emplace_back(rows[swap ? 1 : 0]);
        absorb(head, std::move(rows[swap ? 0 : 1]));
        keys.push_back(key_of(head));
        return;
    }
    order_.clear();
    single_keys_.clear();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        order_.push_back(static_cast<std::uint32_t>(i));
        single_keys_.push_back(key_of(rows[i]));
    }
    // The rows share their client: its id need not be compared.
    auto ranks_first = [&](std::uint32_t x, std::uint32_t y) {
        const auto& a = single_keys_[x];
        const auto& b = single_keys_[y];
        if (a.high != b.high) return a.high < b.high;
        if (a.low != b.low) return a.low < b.low;
        if (a.channel != b.channel) return a.channel < b.channel;
        return x < y;
    };
    // A client has a handful of rows: an insertion sort.
    if (order_.size() > 16) std::sort(order_.begin(), order_.end(), ranks_first);
    for (std::size_t i = 1; i < order_.size(); ++i) {
        auto o = order_[i];
        auto j = i;
        for (; j > 0 && ranks_first(o, order_[j - 1]); --j)
            order_[j] = order_[j - 1];
        order_[j] = o;
    }
    // A head that absorbed nothing keeps its single's key.
    auto first_head = heads.size();
    grew_.clear();
    for (auto o : order_) {
        auto& row = rows[o];
        auto same = first_head;
        while (same < heads.size() && !(config.counts_as(heads[same].channel(), row.channel()) &&
                                        config.counts_as(row.channel(), heads[same].channel())))
            ++same;
        if (same < heads.size()) {
            absorb(heads[same], std::move(row));
            grew_[same - first_head] = 1;
        } else {
            heads.push_back(row);
            keys.push_back(single_keys_[o]);
            grew_.push_back(0);
        }
    }
    for (auto h = first_head; h < heads.size(); ++h)
        if (grew_[h - first_head]) keys[h] = key_of(heads[h]);
}

// A shown row made whole: its obligations as due_rows() marks them.
Suggestion plan_suggestion(const History& history, const SuggestFilter& filter,
                           const PlanRow& row) {
    const auto& slots = *row.slots;
    auto take = [&](std::uint32_t slot) {
        Obligation ob = *slots[slot].ob;
        mark_view(history, filter, slots[slot].view, ob);
        return ob;
    };
    Suggestion s{take(row.first), {}, row.time_bound, row.urgency, row.overdue, history.today()};
    for (auto slot = slots[row.first].next; slot != PlanPart::none; slot = slots[slot].next)
        s.also.push_back(take(slot));
    return s;
}

// How far down each channel's ranking a plan's day is expected to reach: as
// far as the day before reached, with room to spare (urgency only grows while
// a row waits). A client none of whose rows could rank above its channels'
// limits makes no rows that day, and most clients wait: the caps take a few a
// day. Settling notices when it reaches a limit that left a client out, and
// the day is then read again whole, so the limits only save work and never
// change the plan.
struct PlanLimits {
    std::vector<char> limited;       // per channel: has a limit
    std::vector<std::uint64_t> high; // per channel: a rank key's high word at
                                     // or past which a client may be left out
};
// The room a limit leaves below the urgency last reached: a tenth of it, and
// a tenth more. A guess: too little room reads days twice, too much saves less.
inline constexpr double limit_room = 0.1;
// And the rows it leaves below the last taken: at least as many as the day took, and this many.
inline constexpr std::size_t limit_rows = 16;

// A plan's day ranked and settled lazily: about as many rows are due each day
// as the caps leave behind, and a day shows only the best few of each channel.
// The day's rows are made into same-touch rows client by client, kept in a
// heap per channel, and taken out in rank order only as far as settling
// reaches: a channel whose cap is full, or a day whose cap is, skips every
// later row anyway. What settle() does with {capped, one per client}, and the
// same result, worked out on the rows taken and the clients shown.
class PlanSettle {
public:
    static constexpr std::uint32_t none = static_cast<std::uint32_t>(-1);

    // Kept from day to day, with the room its tables took. With `limited`,
    // each day learns the next day's limits().
    PlanSettle(const Config& config, bool limited)
        : config_(config)
        , limited_(limited)
        , streams_(config.channels.size())
        , used_(config.channels.size(), 0)
        , stamp_(config.clients.size(), 0)
        , mine_(config.clients.size(), none)
        , begin_(config.clients.size(), none)
        , skipped_(config.channels.size(), 0)
        , exhausted_(config.channels.size(), 0) {
        limits_.limited.assign(config.channels.size(), 0);
        limits_.high.assign(config.channels.size(), 0);
    }

    // A new day: its clients' rows come through the parts, clients before
    // `split` through the first and the others through the second; under
    // limits(), unless `whole`.
    void begin_day(std::size_t split, bool whole) {
        for (auto& part : parts_)
            part.clear();
        split_ = split;
        limited_day_ = limited_ && !whole;
        missed_ = false;
    }
    PlanPart& part(std::size_t i) { return parts_[i]; }
    std::vector<std::uint32_t>& begin() { return begin_; }
    const PlanLimits* limits() const { return limited_day_ ? &limits_ : nullptr; }
    // shown() reached past a limit that left a client out: its rows are no
    // answer, and the day is to be read again whole.
    bool missed() const { return missed_; }

    // The day's shown rows with what folded into them, most urgent first.
    std::vector<PlanRow> shown() {
        // The first part's rows are taken over, the second's follow them.
        heads_.swap(parts_[0].heads);
        keys_.swap(parts_[0].keys);
        offset_ = static_cast<std::uint32_t>(heads_.size());
        heads_.insert(heads_.end(), parts_[1].heads.begin(), parts_[1].heads.end());
        keys_.insert(keys_.end(), parts_[1].keys.begin(), parts_[1].keys.end());
        for (auto& stream : streams_)
            stream.taken.clear();
        if (limited_) {
            for (std::size_t ch = 0; ch < skipped_.size(); ++ch)
                skipped_[ch] = limited_day_ && (parts_[0].skipped[ch] || parts_[1].skipped[ch]);
            std::fill(exhausted_.begin(), exhausted_.end(), 0);
        }
        into_.assign(heads_.size(), none);
        while (show_in_rank_order() || fold_into_shown()) {
        }
        if (missed_) return {};
        if (limited_) learn_limits();
        return combine();
    }

private:
    // A channel's rows: not taken yet, in the two parts' heaps.
    struct Stream {
        std::vector<std::uint32_t> taken; // in rank order
    };

private:
    // The n-th row of a channel in rank order, taken out of its heap when
    // first reached; none past the last.
    // The better of the two parts' next rows is taken: the first part's
    // heads are the first in heads_, the second's follow from offset_.
    std::uint32_t at(std::size_t ch, std::size_t n) {
        auto& taken = streams_[ch].taken;
        if (n < taken.size()) return taken[n];
        if (missed_) return none;
        auto head = peek(ch);
        if (head == none && limited_) exhausted_[ch] = 1;
        if (past_limit(ch, head) || head == none) return none;
        pop(ch, head);
        taken.push_back(head);
        return head;
    }

    // The next row of a channel not taken out of its heap yet, or none.
    std::uint32_t peek(std::size_t ch) const {
        const auto& first = parts_[0].heaps[ch];
        const auto& second = parts_[1].heaps[ch];
        if (first.empty() && second.empty()) return none;
        if (first.empty() ||
            (!second.empty() && keys_[offset_ + second.front()] < keys_[first.front()]))
            return offset_ + second.front();
        return first.front();
    }

    // Takes peek(ch), `head`, out of its heap.
    void pop(std::size_t ch, std::uint32_t head) {
        if (head >= offset_) {
            auto& second = parts_[1].heaps[ch];
            const auto& keys = parts_[1].keys;
            auto later = [&](std::uint32_t a, std::uint32_t b) { return keys[b] < keys[a]; };
            std::pop_heap(second.begin(), second.end(), later);
            second.pop_back();
        } else {
            auto& first = parts_[0].heaps[ch];
            auto later = [&](std::uint32_t a, std::uint32_t b) { return keys_[b] < keys_[a]; };
            std::pop_heap(first.begin(), first.end(), later);
            first.pop_back();
        }
    }

    // Whether `head` (none: past the last) of channel `ch` ranks where a
    // client left out could have had a row of it: the day missed.
    bool past_limit(std::size_t ch, std::uint32_t head) {
        if (!limited_day_ || !skipped_[ch] || !limits_.limited[ch]) return false;
        if (head != none && keys_[head].high < limits_.high[ch]) return false;
        missed_ = true;
        return true;
    }

    // The next day's limits: each channel's where this day stopped taking
    // its rows with room to spare, or as many rows again further down where
    // that is further (few rows lie far apart); none where it took all its
    // rows, or has only a few more.
    void learn_limits() {
        for (std::size_t ch = 0; ch < streams_.size(); ++ch) {
            const auto& taken = streams_[ch].taken;
            if (exhausted_[ch]) {
                limits_.limited[ch] = 0;
                continue;
            }
            if (taken.empty()) continue; // not reached: as it was
            const auto& last = heads_[taken.back()];
            auto u = last.urgency;
            u -= limit_room + limit_room * std::abs(u);
            auto further = further_down(ch, std::max(taken.size(), limit_rows));
            limits_.limited[ch] = further.has_value();
            if (further)
                limits_.high[ch] =
                    std::max(*further, make_rank_key(last.time_bound, u, 0, {}, 0).high);
        }
    }

    // The high word of the key `rows` rows past the last a channel took, or
    // of this day's limit where a client left out could rank before that
    // row; none when fewer rows are left and no client was left out. Takes
    // them out of their heaps: the day has no more use for them.
    std::optional<std::uint64_t> further_down(std::size_t ch, std::size_t rows) {
        bool cut = skipped_[ch] && limits_.limited[ch];
        for (std::size_t i = 0;; ++i) {
            auto head = peek(ch);
            if (cut && (head == none || keys_[head].high >= limits_.high[ch]))
                return limits_.high[ch];
            if (head == none) return std::nullopt;
            if (i + 1 == rows) return keys_[head].high;
            pop(ch, head);
        }
    }

    // The next row in rank order of the channels with room, or none.
    std::uint32_t next_row(std::vector<std::size_t>& pos) {
        std::uint32_t best = none;
        std::size_t best_ch = 0;
        for (std::size_t ch = 0; ch < streams_.size(); ++ch) {
            const auto& cap = config_.channels[ch].per_day;
            if (cap && used_[ch] >= *cap) continue;
            auto row = at(ch, pos[ch]);
            if (row != none && (best == none || keys_[row] < keys_[best])) {
                best = row;
                best_ch = ch;
            }
        }
        if (best != none) ++pos[best_ch];
        return best;
    }

    // As show_in_rank_order() above, with a client's shown row kept per
    // round by a stamp instead of a table cleared each round.
    bool show_in_rank_order() {
        ++round_;
        shown_.clear();
        std::fill(used_.begin(), used_.end(), 0);
        int used_all = 0;
        const auto& cap_all = config_.settings.per_day;
        std::vector<std::size_t> pos(streams_.size(), 0);
        while (!(cap_all && used_all >= *cap_all)) {
            auto i = next_row(pos);
            if (i == none) break;
            if (into_[i] != none) continue;
            auto client = static_cast<std::size_t>(heads_[i].client());
            if (stamp_[client] == round_) {
                auto mine = mine_[client];
                if (!strictly_covers(config_, heads_[i], heads_[mine])) continue;
                into_[mine] = i;
                return true;
            }
            shown_.push_back(i);
            ++used_[static_cast<std::size_t>(heads_[i].channel())];
            ++used_all;
            stamp_[client] = round_;
            mine_[client] = i;
        }
        return false;
    }

    // A client's rows: from its first head to the next client's.
    std::pair<std::uint32_t, std::uint32_t> rows_of(std::uint32_t head) const {
        auto client = static_cast<std::size_t>(heads_[head].client());
        auto b = begin_[client] + (client < split_ ? 0 : offset_);
        auto e = b;
        while (e < heads_.size() && heads_[e].client() == heads_[head].client())
            ++e;
        return {b, e};
    }

    // As fold_into_shown() above: only a client with a shown row has a row
    // to fold into, and it has one.
    bool fold_into_shown() {
        bool changed = false;
        for (auto j : shown_) {
            auto [b, e] = rows_of(j);
            for (auto i = b; i < e; ++i) {
                if (into_[i] != none || !strictly_covers(config_, heads_[j], heads_[i])) continue;
                into_[i] = j;
                changed = true;
            }
        }
        return changed;
    }

    std::uint32_t root(std::uint32_t i) const {
        while (into_[i] != none)
            i = into_[i];
        return i;
    }

    // As combine() above: each shown row absorbs, in rank order, the rows of
    // its client that folded into it, and the rows are ranked again.
    std::vector<PlanRow> combine() {
        std::vector<PlanRow> out;
        std::vector<RankKey> out_keys;
        std::vector<std::uint32_t> folded;
        auto& stayed = stayed_;
        auto& rose = rose_;
        stayed.clear();
        rose.clear();
        auto by_key = [&](std::uint32_t a, std::uint32_t b) { return keys_[a] < keys_[b]; };
        for (auto h : shown_) {
            auto [b, e] = rows_of(h);
            folded.clear();
            for (auto i = b; i < e; ++i)
                if (into_[i] != none && root(i) == h) folded.push_back(i);
            auto o = static_cast<std::uint32_t>(out.size());
            auto& row = out.emplace_back(heads_[h]);
            if (folded.empty()) {
                out_keys.push_back(keys_[h]);
                stayed.push_back(o);
                continue;
            }
            std::sort(folded.begin(), folded.end(), by_key);
            for (auto i : folded)
                absorb(row, std::move(heads_[i]));
            out_keys.push_back(rank_key(config_, row));
            rose.push_back(o);
        }
        // The shown rows came in rank order, and absorbing only raises a row
        // (bound, urgency and overdue days only grow): the others are in
        // order still, so only the risen are sorted, then merged in. One row
        // per client: no two rank alike.
        auto by_out_key = [&](std::uint32_t a, std::uint32_t b) {
            return out_keys[a] < out_keys[b];
        };
        std::sort(rose.begin(), rose.end(), by_out_key);
        std::vector<std::uint32_t> order(out.size());
        std::merge(stayed.begin(), stayed.end(), rose.begin(), rose.end(), order.begin(),
                   by_out_key);
        std::vector<PlanRow> ranked;
        ranked.reserve(out.size());
        for (auto o : order)
            ranked.push_back(out[o]);
        return ranked;
    }

    const Config& config_;
    bool limited_;
    std::vector<PlanRow> heads_;       // grouped by client
    std::vector<RankKey> keys_;        // per head
    std::vector<Stream> streams_;      // per channel
    std::vector<std::uint32_t> into_;  // per head: the row it folded into
    std::vector<std::uint32_t> shown_; // this round's, in rank order
    std::vector<int> used_;            // per channel, this round
    std::uint32_t round_ = 0;
    std::vector<std::uint32_t> stamp_, mine_; // per client: the round of its shown row, and it
    std::vector<std::uint32_t> begin_;        // per client: its first head in its part
    std::array<PlanPart, 2> parts_;           // kept for their room
    std::size_t split_ = 0;                   // the second part's first client
    std::uint32_t offset_ = 0;                // the second part's first head
    PlanLimits limits_;
    bool limited_day_ = false, missed_ = false;
    std::vector<char> skipped_;                // per channel: a client left out had a row of it
    std::vector<char> exhausted_;              // per channel: all its rows were taken
    std::vector<std::uint32_t> stayed_, rose_; // combine()'s, kept for their room
};

// What a plan's day reads every client with, worked out once for the day.
struct PlanView {
    const SuggestFilter& filter;
    Date today;
    std::vector<char> away;
    std::uint64_t own_follow_ups = 0;
    // Seen by everyone with no one away, every client is shown as it is:
    // shown_while_away() need not look at its team.
    bool everyone_here = false;
    bool by_client = false;

    PlanView(const Config& config, const History& history, const SuggestFilter& f)
        : filter(f)
        , today(history.today())
        , away(people_away(config, history))
        , own_follow_ups(f.person ? person_bit(*f.person) : 0)
        , everyone_here(!f.person && std::find(away.begin(), away.end(), 1) == away.end())
        , by_client(!f.tag.empty() || !f.city.empty()) {}
};

// As explain_urgency() works it out.
double plan_urgency(const PlanClients::Due& due, Date today) {
    return static_cast<double>(static_cast<int>((today - due.from).count())) / due.length;
}

// Whether every row the client has today ranks at or past its channel's
// limit: then it is left out, and its rows' channels are marked skipped. A
// same-touch row ranks no higher than the client's most urgent row would if
// time-bound when any of them is; a row out of view only adds channels.
bool left_out(const PlanLimits& limits, const PlanClients::Kept& kept, Date today,
              const SuggestFilter& filter, std::vector<char>& skipped) {
    double urgency = 0;
    bool time_bound = false;
    std::uint64_t highest = 0;  // the limit it must be at or past for every channel
    std::uint64_t channels = 0; // a bit each
    for (const auto& due : kept.due) {
        if (due.due > today || due.last < today ||
            (filter.channel && due.channel != *filter.channel))
            continue;
        auto ch = static_cast<std::size_t>(due.channel);
        if (ch >= 64 || !limits.limited[ch]) return false;
        highest = std::max(highest, limits.high[ch]);
        auto u = plan_urgency(due, today);
        urgency = channels == 0 ? u : std::max(urgency, u);
        channels |= std::uint64_t{1} << ch;
        time_bound = time_bound || due.time_bound;
    }
    if (channels == 0 || make_rank_key(time_bound, urgency, 0, {}, 0).high < highest) return false;
    for (; channels != 0; channels &= channels - 1)
        skipped[static_cast<std::size_t>(std::countr_zero(channels))] = 1;
    return true;
}

// due_rows() over the obligations kept in `clients`, for the clients from
// `first` to `last`: the same rows in the same order, as PlanRows, made into
// same-touch rows in `part` a client at a time; under `limits` (if any),
// only the clients not left_out().
void plan_day_rows(const Config& config, const History& history, const PlanView& view,
                   PlanClients& clients, std::size_t first, std::size_t last, PlanPart& part,
                   std::vector<std::uint32_t>& begin, const PlanLimits* limits) {
    const auto& filter = view.filter;
    auto today = view.today;
    if (limits) part.skipped.assign(config.channels.size(), 0);
    for (std::size_t i = first; i < last; ++i) {
        const auto& client = config.clients[i];
        if (view.by_client && !matches(config, client, filter)) continue;
        auto shown = view.everyone_here ? InView{true, -1}
                                        : shown_while_away(client, filter.person, view.away);
        if (!shown.shown && !(history.follow_up_makers(static_cast<int>(i)) & view.own_follow_ups))
            continue;
        const auto& kept = clients.get(history, static_cast<int>(i));
        if (today < kept.first_due) continue;
        if (limits && left_out(*limits, kept, today, filter, part.skipped)) continue;
        part.rows.clear();
        for (std::size_t k = 0; k < kept.due.size(); ++k) {
            const auto& due = kept.due[k];
            if (due.due > today || due.last < today ||
                (filter.channel && due.channel != *filter.channel))
                continue;
            const auto& ob = kept.obligations[k];
            auto in_view =
                due.own_view ? obligation_view(client, ob, shown, filter, view.away) : shown;
            if (!in_view.shown) continue;
            auto slot = static_cast<std::uint32_t>(part.slots.size());
            part.slots.push_back({&ob, in_view, PlanPart::none});
            auto urgency = plan_urgency(due, today);
            part.rows.push_back({due.time_bound, urgency,
                                 static_cast<int>((today - due.due).count()), static_cast<int>(i),
                                 due.channel, slot, slot, &part.slots});
        }
        if (!part.rows.empty()) part.add_client(config, clients.id(i), begin[i]);
    }
    part.make_heaps(config.channels.size());
}

} // namespace

std::vector<Suggestion> suggest(const Config& config, const History& history,
                                const SuggestFilter& filter, std::size_t threads) {
    return ranked_rows(config, history, filter, threads, true);
}

Capped apply_capacity(const Config& config, std::vector<Suggestion> ranked) {
    // Taken apart into one row per obligation, so that what a hidden row
    // would have settled can be shown on its own.
    std::vector<Suggestion> singles;
    std::size_t obligations = 0;
    for (auto& s : ranked)
        obligations += 1 + s.also.size();
    singles.reserve(obligations);
    for (auto& s : ranked) {
        add_single(singles, Obligation(s.primary), s.day);
        for (auto& ob : s.also)
            add_single(singles, Obligation(ob), s.day);
    }
    auto settled = settle(config, same_touch_rows(config, std::move(singles)), {true, false});
    return {std::move(settled.shown), std::move(settled.hidden)};
}

Capped suggest_capped(const Config& config, const History& history, const SuggestFilter& filter,
                      std::size_t threads) {
    auto settled = settle(config, ranked_rows(config, history, filter, threads), {true, false});
    return {std::move(settled.shown), std::move(settled.hidden)};
}

std::vector<PlannedDay> plan(const Config& config, History history, int days,
                             const SuggestFilter& filter, std::size_t threads) {
    std::vector<PlannedDay> out;
    PlanClients clients(config);
    auto n = config.clients.size();
    PlanSettle settle(config, n >= plan_limited_clients);
    // From plan_parallel_clients on, each day's clients are read in two
    // halves, on this thread and a helper, and the day settled when both are
    // done.
    std::size_t helped = threads > 1 && n >= plan_parallel_clients ? 2 : 1;
    auto split = helped == 2 ? n / 2 : n; // the second half is empty without help
    std::optional<KeepHelpers> kept;
    if (helped == 2) kept.emplace();
    auto first = history.today();
    for (int i = 0; i < days; ++i) {
        Date day = first + Days{i};
        if (!config.is_workday(day)) continue;
        history.advance_to(day);
        PlanView view(config, history, filter);
        auto read_day = [&](bool whole) {
            settle.begin_day(split, whole);
            share_work(2, helped, [&](std::size_t half, std::size_t) {
                plan_day_rows(config, history, view, clients, half == 0 ? 0 : split,
                              half == 0 ? split : n, settle.part(half), settle.begin(),
                              settle.limits());
            });
            return settle.shown();
        };
        auto shown = read_day(false);
        if (settle.missed()) shown = read_day(true);
        auto& planned = out.emplace_back(PlannedDay{day, {}});
        planned.items.reserve(shown.size());
        for (auto& row : shown)
            planned.items.push_back(plan_suggestion(history, filter, row));
        for (auto& s : planned.items) {
            history.record(s.client(), s.channel(), day);
            clients.touched(s.client());
        }
    }
    return out;
}

std::vector<PlannedDay> plan_day_by_day(const Config& config, History history, int days,
                                        const SuggestFilter& filter) {
    std::vector<PlannedDay> out;
    auto first = history.today();
    for (int i = 0; i < days; ++i) {
        Date day = first + Days{i};
        if (!config.is_workday(day)) continue;
        history.advance_to(day);
        auto capped = settle(config, same_touch_rows(config, due_rows(config, history, filter)),
                             {true, true});
        for (auto& s : capped.shown)
            history.record(s.client(), s.channel(), day);
        out.push_back({day, std::move(capped.shown)});
    }
    return out;
}

} // namespace touch
