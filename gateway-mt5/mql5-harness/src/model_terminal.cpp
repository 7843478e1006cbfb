// The model terminal and trade server behind the MQL5 trade, account, symbol and history functions.
// It follows MT5's documented behaviour (hedging and netting accounts, filling and execution modes,
// volume and stops rules, permissions, history), not Ringfence's: see README.md for what it leaves out.
#include "harness.h"

#include <algorithm>
#include <thread>

using mql5::datetime;
using mql5::MqlTradeRequest;
using mql5::MqlTradeResult;
using mql5::MqlTradeTransaction;
using mql5::string;
using mql5::uint;
using mql5::ulong;

namespace harness
{
namespace model
{
namespace
{
// ------------------------------------------------------------------ state
struct SymbolSpec
{
    std::string name;
    std::string base = "EUR";
    std::string profit = "USD";
    std::string margin = "EUR";
    std::string description;
    double contract = 100000;
    double volume_min = 0.01;
    double volume_step = 0.01;
    double volume_max = 100;
    double volume_limit = 0;
    int digits = 5;
    double point = 0.00001;
    double tick_size = 0.00001;
    int filling = mql5::SYMBOL_FILLING_FOK | mql5::SYMBOL_FILLING_IOC;
    int exemode = mql5::SYMBOL_TRADE_EXECUTION_MARKET;
    int calc_mode = mql5::SYMBOL_CALC_MODE_FOREX;
    int stops_level = 0;
    int freeze_level = 0;
    int trade_mode = mql5::SYMBOL_TRADE_MODE_FULL;
    double commission = 0;   // per lot per side, account currency
    double fee = 0;          // per deal, account currency
    double bid = 0;
    double ask = 0;
    long long quote_ms = 0;   // server time of the last quote
    bool open = true;
    bool selected = true;
};

struct Position
{
    ulong ticket = 0;
    ulong identifier = 0;
    std::string symbol;
    int type = mql5::POSITION_TYPE_BUY;
    double volume = 0;
    double price_open = 0;
    double sl = 0;
    double tp = 0;
    double swap = 0;
    ulong magic = 0;
    long long time_ms = 0;
    long long time_update_ms = 0;
    std::string comment;
    int reason = mql5::POSITION_REASON_EXPERT;
};

struct Order
{
    ulong ticket = 0;
    long long time_setup_ms = 0;
    long long time_done_ms = 0;
    int type = 0;
    int state = mql5::ORDER_STATE_FILLED;
    int filling = 0;
    int type_time = 0;
    double volume_initial = 0;
    double volume_current = 0;
    double price_open = 0;
    double price_current = 0;
    double sl = 0;
    double tp = 0;
    std::string symbol;
    std::string comment;
    ulong magic = 0;
    int reason = 0;
    ulong position_id = 0;
    long long visible_at_us = 0;
};

struct Deal
{
    ulong ticket = 0;
    ulong order = 0;
    long long time_ms = 0;
    int type = 0;
    int entry = 0;
    int reason = 0;
    double volume = 0;
    double price = 0;
    double commission = 0;
    double swap = 0;
    double profit = 0;
    double fee = 0;
    double sl = 0;
    double tp = 0;
    std::string symbol;
    std::string comment;
    ulong magic = 0;
    ulong position_id = 0;
    long long visible_at_us = 0;
};

struct Account
{
    long login = 1001;
    int margin_mode = mql5::ACCOUNT_MARGIN_MODE_RETAIL_HEDGING;
    double balance = 10000;
    double credit = 0;
    long leverage = 100;
    std::string server = "Ringfence-Harness";
    std::string currency = "USD";
    std::string company = "Ringfence Harness Broker";
    std::string name = "Harness Trader";
    int stopout_mode = mql5::ACCOUNT_STOPOUT_MODE_PERCENT;
    double margin_call = 100;
    double stop_out = 50;
    bool trade_allowed = true;   // ACCOUNT_TRADE_ALLOWED (false e.g. with the investor password)
    bool trade_expert = true;    // ACCOUNT_TRADE_EXPERT (the broker lets programs trade)
};

// Who asked for a trade: a program (EA, script), a person, or the server itself.
enum class Source
{
    PROGRAM,
    CLIENT,
    SERVER
};

struct Terminal
{
    Account account;
    std::vector<SymbolSpec> symbols;
    std::vector<Position> positions;
    std::vector<Order> orders;
    std::vector<Deal> deals;
    ulong next_order = 70000001;   // order and deal tickets are separate sequences
    ulong next_deal = 40000001;
    bool terminal_trade_allowed = true;   // the terminal's Algo Trading button
    bool program_trade_allowed = true;    // "Allow Algo Trading" in the program's settings
    bool connected = true;
    bool weekend = false;
    bool live_feed = true;
    long long history_delay_us = 0;
    long long trade_latency_us = 0;   // the trade server's round trip: OrderSend blocks the program this long
    int requotes = 0;
    uint fail_next = 0;
    uint request_id = 0;
    long long last_quote_ms = 0;
};

SymbolSpec make_symbol(const std::string& name);

Terminal make_terminal()
{
    Terminal t;
    t.last_quote_ms = server_now_ms();
    for (const char* name : {"EURUSD", "GBPUSD", "USDJPY", "XAUUSD"})
    {
        t.symbols.push_back(make_symbol(name));
    }
    return t;
}

// Realistic specifications and quotes for the usual names; other names get EURUSD's shape.
SymbolSpec make_symbol(const std::string& name)
{
    SymbolSpec s;
    s.name = name;
    const std::string root = name.size() >= 6 ? name.substr(0, 6) : name;
    if (root.size() == 6)
    {
        s.base = root.substr(0, 3);
        s.profit = root.substr(3, 3);
        s.margin = s.base;
    }
    s.description = s.base + " vs " + s.profit;
    if (root == "GBPUSD")
    {
        s.bid = 1.26500;
        s.ask = 1.26512;
    }
    else if (root == "USDJPY")
    {
        s.digits = 3;
        s.point = 0.001;
        s.tick_size = 0.001;
        s.bid = 151.500;
        s.ask = 151.512;
    }
    else if (root == "XAUUSD")
    {
        s.digits = 2;
        s.point = 0.01;
        s.tick_size = 0.01;
        s.contract = 100;
        s.volume_max = 50;
        s.bid = 2330.00;
        s.ask = 2330.30;
        s.description = "Gold vs US Dollar";
    }
    else
    {
        s.bid = 1.08500;
        s.ask = 1.08510;
    }
    s.quote_ms = server_now_ms();
    return s;
}

Terminal& terminal()
{
    static Terminal t = make_terminal();
    return t;
}

// What the running program has selected (PositionSelect*, HistorySelect*, ...): copies, as in MT5.
struct ProgramView
{
    bool has_position = false;
    Position position;
    double position_profit = 0;
    double position_price_current = 0;
    std::vector<Deal> deals;
    std::vector<Order> orders;
};
ProgramView g_view;

constexpr double VOLUME_EPSILON = 1e-8;

// ------------------------------------------------------------------ helpers
SymbolSpec* find_symbol(const std::string& name)
{
    for (SymbolSpec& s : terminal().symbols)
    {
        if (s.name == name)
        {
            return &s;
        }
    }
    return nullptr;
}

SymbolSpec& symbol_or_throw(const std::string& name)
{
    SymbolSpec* s = find_symbol(name);
    if (s == nullptr)
    {
        throw CommandError("unknown symbol " + name);
    }
    return *s;
}

Position* find_position(const ulong ticket)
{
    for (Position& p : terminal().positions)
    {
        if (p.ticket == ticket)
        {
            return &p;
        }
    }
    return nullptr;
}

Position* position_on(const std::string& symbol)
{
    Position* best = nullptr;
    for (Position& p : terminal().positions)
    {
        if (p.symbol == symbol && (best == nullptr || p.ticket < best->ticket))
        {
            best = &p;
        }
    }
    return best;
}

bool netting()
{
    return terminal().account.margin_mode != mql5::ACCOUNT_MARGIN_MODE_RETAIL_HEDGING;
}

// Volumes are kept to 8 decimals, as the server keeps them (0.1 + 0.2 is 0.3).
double round_volume(const double v)
{
    return std::round(v * 1e8) / 1e8;
}

double round_money(const double v)
{
    return std::round(v * 100.0) / 100.0;
}

double mid(const SymbolSpec& s)
{
    return (s.bid + s.ask) / 2;
}

// Units of currency `from` in the account currency, through a symbol quoting the pair either way.
double to_account(const double amount, const std::string& from)
{
    const std::string& to = terminal().account.currency;
    if (from == to || amount == 0)
    {
        return amount;
    }
    for (const SymbolSpec& s : terminal().symbols)
    {
        if (s.base == from && s.profit == to && mid(s) > 0)
        {
            return amount * mid(s);
        }
        if (s.base == to && s.profit == from && mid(s) > 0)
        {
            return amount / mid(s);
        }
    }
    return amount;   // no conversion path among the known symbols: taken at par
}

double close_price(const Position& p, const SymbolSpec& s)
{
    return p.type == mql5::POSITION_TYPE_BUY ? s.bid : s.ask;
}

double pnl(const Position& p, const SymbolSpec& s, const double price, const double volume)
{
    const double points = p.type == mql5::POSITION_TYPE_BUY ? price - p.price_open : p.price_open - price;
    return to_account(points * volume * s.contract, s.profit);
}

double floating_profit(const Position& p)
{
    const SymbolSpec* s = find_symbol(p.symbol);
    return s == nullptr ? 0 : round_money(pnl(p, *s, close_price(p, *s), p.volume));
}

double position_margin(const SymbolSpec& s, const double volume)
{
    const double leverage = terminal().account.leverage > 0 ? static_cast<double>(terminal().account.leverage) : 1.0;
    if (s.calc_mode == mql5::SYMBOL_CALC_MODE_FOREX)
    {
        return to_account(volume * s.contract / leverage, s.margin);
    }
    return to_account(volume * s.contract * mid(s) / leverage, s.profit);
}

// Per symbol: netting has one position; hedging charges the larger leg (SYMBOL_MARGIN_HEDGED_USE_LEG).
double margin_of(const std::vector<Position>& positions)
{
    std::map<std::string, std::pair<double, double>> legs;
    for (const Position& p : positions)
    {
        auto& leg = legs[p.symbol];
        (p.type == mql5::POSITION_TYPE_BUY ? leg.first : leg.second) += p.volume;
    }
    double total = 0;
    for (const auto& entry : legs)
    {
        const SymbolSpec* s = find_symbol(entry.first);
        if (s != nullptr)
        {
            total += position_margin(*s, std::max(entry.second.first, entry.second.second));
        }
    }
    return round_money(total);
}

double profit_total()
{
    double total = 0;
    for (const Position& p : terminal().positions)
    {
        total += floating_profit(p) + p.swap;
    }
    return total;
}

double equity()
{
    return round_money(terminal().account.balance + terminal().account.credit + profit_total());
}

double margin()
{
    return margin_of(terminal().positions);
}

bool market_open(const SymbolSpec& s)
{
    return s.open && !terminal().weekend;
}

long long server_ms()
{
    return server_now_ms();
}

const char* type_name(const int type)
{
    static const char* const names[] = {"BUY", "SELL", "BUY_LIMIT", "SELL_LIMIT", "BUY_STOP", "SELL_STOP", "BUY_STOP_LIMIT", "SELL_STOP_LIMIT", "CLOSE_BY"};
    return type >= 0 && type <= 8 ? names[type] : "?";
}

const char* deal_type_name(const int type)
{
    static const char* const names[] = {"BUY", "SELL", "BALANCE", "CREDIT", "CHARGE", "CORRECTION", "BONUS", "COMMISSION",
                                        "COMMISSION_DAILY", "COMMISSION_MONTHLY", "COMMISSION_AGENT_DAILY", "COMMISSION_AGENT_MONTHLY",
                                        "INTEREST", "BUY_CANCELED", "SELL_CANCELED", "DIVIDEND", "DIVIDEND_FRANKED", "TAX"};
    return type >= 0 && type <= 17 ? names[type] : "?";
}

const char* entry_name(const int entry)
{
    static const char* const names[] = {"IN", "OUT", "INOUT", "OUT_BY"};
    return entry >= 0 && entry <= 3 ? names[entry] : "?";
}

const char* reason_name(const int reason)
{
    static const char* const names[] = {"CLIENT", "MOBILE", "WEB", "EXPERT", "SL", "TP", "SO", "ROLLOVER", "VMARGIN", "SPLIT"};
    return reason >= 0 && reason <= 9 ? names[reason] : "?";
}

const char* state_name(const int state)
{
    static const char* const names[] = {"STARTED", "PLACED", "CANCELED", "PARTIAL", "FILLED", "REJECTED", "EXPIRED",
                                        "REQUEST_ADD", "REQUEST_MODIFY", "REQUEST_CANCEL"};
    return state >= 0 && state <= 9 ? names[state] : "?";
}

const char* filling_name(const int filling)
{
    static const char* const names[] = {"FOK", "IOC", "RETURN", "BOC"};
    return filling >= 0 && filling <= 3 ? names[filling] : "?";
}

int parse_reason(const std::string& text)
{
    for (int r = 0; r <= 9; r++)
    {
        if (text == reason_name(r))
        {
            return r;
        }
    }
    throw CommandError("unknown reason " + text + " (CLIENT, MOBILE, WEB, EXPERT, SL, TP, SO)");
}

std::string deal_line(const Deal& d)
{
    return "DEAL ticket=" + std::to_string(d.ticket) + " order=" + std::to_string(d.order) + " position=" + std::to_string(d.position_id) +
           " symbol=" + d.symbol + " type=" + deal_type_name(d.type) + " entry=" + entry_name(d.entry) + " volume=" + num(d.volume) +
           " price=" + num(d.price) + " profit=" + num(d.profit) + " commission=" + num(d.commission) + " fee=" + num(d.fee) +
           " swap=" + num(d.swap) + " magic=" + std::to_string(static_cast<long>(d.magic)) + " reason=" + reason_name(d.reason) +
           " time=" + std::to_string(d.time_ms) + " comment=" + quoted(d.comment);
}

std::string result_comment(const uint code)
{
    switch (code)
    {
        case mql5::TRADE_RETCODE_REQUOTE: return "Requote";
        case mql5::TRADE_RETCODE_REJECT: return "Request rejected";
        case mql5::TRADE_RETCODE_DONE: return "Request executed";
        case mql5::TRADE_RETCODE_INVALID: return "Invalid request";
        case mql5::TRADE_RETCODE_INVALID_VOLUME: return "Invalid volume";
        case mql5::TRADE_RETCODE_INVALID_PRICE: return "Invalid price";
        case mql5::TRADE_RETCODE_INVALID_STOPS: return "Invalid stops";
        case mql5::TRADE_RETCODE_TRADE_DISABLED: return "Trade disabled";
        case mql5::TRADE_RETCODE_MARKET_CLOSED: return "Market closed";
        case mql5::TRADE_RETCODE_NO_MONEY: return "No money";
        case mql5::TRADE_RETCODE_NO_CHANGES: return "No changes";
        case mql5::TRADE_RETCODE_SERVER_DISABLES_AT: return "AutoTrading disabled by server";
        case mql5::TRADE_RETCODE_CLIENT_DISABLES_AT: return "AutoTrading disabled by client";
        case mql5::TRADE_RETCODE_FROZEN: return "Order or position frozen";
        case mql5::TRADE_RETCODE_INVALID_FILL: return "Unsupported filling mode";
        case mql5::TRADE_RETCODE_CONNECTION: return "No connection";
        case mql5::TRADE_RETCODE_INVALID_ORDER: return "Invalid order type";
        case mql5::TRADE_RETCODE_POSITION_CLOSED: return "Position already closed";
        case mql5::TRADE_RETCODE_INVALID_CLOSE_VOLUME: return "Invalid close volume";
        case mql5::TRADE_RETCODE_LONG_ONLY: return "Only long positions allowed";
        case mql5::TRADE_RETCODE_SHORT_ONLY: return "Only short positions allowed";
        case mql5::TRADE_RETCODE_CLOSE_ONLY: return "Only position closing allowed";
        default: return "Error " + std::to_string(code);
    }
}

uint fail(MqlTradeResult& result, const uint code)
{
    result.retcode = code;
    result.comment = result_comment(code);
    return code;
}

MqlTradeTransaction transaction(const mql5::ENUM_TRADE_TRANSACTION_TYPE type)
{
    MqlTradeTransaction t{};
    t.type = type;
    return t;
}

// ------------------------------------------------------------------ execution
bool valid_volume(const SymbolSpec& s, const double volume)
{
    if (!(volume > 0) || volume < s.volume_min - VOLUME_EPSILON || volume > s.volume_max + VOLUME_EPSILON)
    {
        return false;
    }
    const double steps = volume / s.volume_step;
    return std::fabs(steps - std::round(steps)) < 1e-6;
}

// /en/docs/constants/tradingconstants/orderproperties#enum_order_type_filling and the terminal's
// "Fill Policy" page: Instant and Request execution always fill or kill market orders; Market and
// Exchange execution take the symbol's FOK/IOC flags; Return is for Exchange execution only.
bool filling_allowed(const SymbolSpec& s, const int filling)
{
    switch (s.exemode)
    {
        case mql5::SYMBOL_TRADE_EXECUTION_INSTANT:
        case mql5::SYMBOL_TRADE_EXECUTION_REQUEST:
            return true;
        default:
            break;
    }
    switch (filling)
    {
        case mql5::ORDER_FILLING_FOK:
            return (s.filling & mql5::SYMBOL_FILLING_FOK) != 0;
        case mql5::ORDER_FILLING_IOC:
            return (s.filling & mql5::SYMBOL_FILLING_IOC) != 0;
        case mql5::ORDER_FILLING_RETURN:
            return s.exemode == mql5::SYMBOL_TRADE_EXECUTION_EXCHANGE;
        default:
            return false;
    }
}

// Stops of a position of this direction against the price that would close it, at least the stops level away.
bool stops_valid(const SymbolSpec& s, const bool buy, const double sl, const double tp)
{
    const double level = s.stops_level * s.point;
    const double tolerance = s.point * 1e-3;
    if (buy)
    {
        if (sl > 0 && (sl >= s.bid || s.bid - sl < level - tolerance))
        {
            return false;
        }
        if (tp > 0 && (tp <= s.bid || tp - s.bid < level - tolerance))
        {
            return false;
        }
    }
    else
    {
        if (sl > 0 && (sl <= s.ask || sl - s.ask < level - tolerance))
        {
            return false;
        }
        if (tp > 0 && (tp >= s.ask || s.ask - tp < level - tolerance))
        {
            return false;
        }
    }
    return true;
}

// A position whose SL or TP is within the freeze level of the closing price can be neither modified nor closed.
bool frozen(const SymbolSpec& s, const Position& p)
{
    if (s.freeze_level <= 0)
    {
        return false;
    }
    const double level = s.freeze_level * s.point;
    const double price = close_price(p, s);
    const bool buy = p.type == mql5::POSITION_TYPE_BUY;
    if (p.sl > 0 && std::fabs(price - p.sl) < level && (buy ? price > p.sl : price < p.sl))
    {
        return true;
    }
    return p.tp > 0 && std::fabs(p.tp - price) < level && (buy ? price < p.tp : price > p.tp);
}

void publish_deal(const Deal& d, const Order* o)
{
    emit(deal_line(d));
    if (o != nullptr)
    {
        MqlTradeTransaction add = transaction(mql5::TRADE_TRANSACTION_ORDER_ADD);
        add.order = o->ticket;
        add.symbol = o->symbol;
        add.order_type = static_cast<mql5::ENUM_ORDER_TYPE>(o->type);
        add.order_state = mql5::ORDER_STATE_STARTED;
        add.price = o->price_open;
        add.volume = o->volume_initial;
        add.position = o->position_id;
        queue_transaction(add, MqlTradeRequest{}, MqlTradeResult{});
    }
    MqlTradeTransaction deal = transaction(mql5::TRADE_TRANSACTION_DEAL_ADD);
    deal.deal = d.ticket;
    deal.order = d.order;
    deal.symbol = d.symbol;
    deal.deal_type = static_cast<mql5::ENUM_DEAL_TYPE>(d.type);
    deal.price = d.price;
    deal.price_sl = d.sl;
    deal.price_tp = d.tp;
    deal.volume = d.volume;
    deal.position = d.position_id;
    queue_transaction(deal, MqlTradeRequest{}, MqlTradeResult{});
    if (o != nullptr)
    {
        MqlTradeTransaction removed = transaction(mql5::TRADE_TRANSACTION_ORDER_DELETE);
        removed.order = o->ticket;
        removed.symbol = o->symbol;
        removed.order_type = static_cast<mql5::ENUM_ORDER_TYPE>(o->type);
        removed.order_state = mql5::ORDER_STATE_FILLED;
        removed.position = o->position_id;
        queue_transaction(removed, MqlTradeRequest{}, MqlTradeResult{});
        MqlTradeTransaction history = removed;
        history.type = mql5::TRADE_TRANSACTION_HISTORY_ADD;
        history.price = o->price_open;
        history.volume = o->volume_initial;
        queue_transaction(history, MqlTradeRequest{}, MqlTradeResult{});
    }
    queue_trade_event();
}

struct Fill
{
    ulong order = 0;
    ulong deal = 0;
    double price = 0;
    double volume = 0;
};

// Executes a market deal already validated: an order and a deal, the position opened, changed or closed.
Fill execute(SymbolSpec& s, const bool buy, const double volume, Position* target, const ulong magic, const std::string& comment,
             const int reason, const double sl, const double tp, const int filling)
{
    Terminal& t = terminal();
    const long long now = server_ms();
    const double price = buy ? s.ask : s.bid;
    Order o;
    o.ticket = t.next_order++;
    o.time_setup_ms = now;
    o.time_done_ms = now;
    o.type = buy ? mql5::ORDER_TYPE_BUY : mql5::ORDER_TYPE_SELL;
    o.filling = filling;
    o.volume_initial = volume;
    o.price_open = price;
    o.price_current = price;
    o.sl = sl;
    o.tp = tp;
    o.symbol = s.name;
    o.comment = comment;
    o.magic = magic;
    o.reason = reason;
    o.visible_at_us = now_us() + t.history_delay_us;
    Deal d;
    d.ticket = t.next_deal++;
    d.order = o.ticket;
    d.time_ms = now;
    d.type = buy ? mql5::DEAL_TYPE_BUY : mql5::DEAL_TYPE_SELL;
    d.reason = reason;
    d.volume = volume;
    d.price = price;
    d.sl = sl;
    d.tp = tp;
    d.symbol = s.name;
    d.comment = comment;
    d.magic = magic;
    d.commission = 0.0 - round_money(s.commission * volume);   // charges are negative (and never -0)
    d.fee = 0.0 - round_money(s.fee);
    d.visible_at_us = o.visible_at_us;
    const bool opposite = target != nullptr && (target->type == mql5::POSITION_TYPE_BUY) != buy;
    if (target == nullptr)
    {
        Position p;
        p.ticket = o.ticket;   // the position id is the ticket of the order that opened it
        p.identifier = o.ticket;
        p.symbol = s.name;
        p.type = buy ? mql5::POSITION_TYPE_BUY : mql5::POSITION_TYPE_SELL;
        p.volume = volume;
        p.price_open = price;
        p.sl = sl;
        p.tp = tp;
        p.magic = magic;
        p.time_ms = now;
        p.time_update_ms = now;
        p.comment = comment;
        p.reason = reason <= mql5::DEAL_REASON_EXPERT ? reason : mql5::POSITION_REASON_CLIENT;
        d.entry = mql5::DEAL_ENTRY_IN;
        d.position_id = p.identifier;
        t.positions.push_back(p);
    }
    else if (!opposite)
    {
        // Netting: added to the one position of the symbol, at the volume-weighted price.
        d.entry = mql5::DEAL_ENTRY_IN;
        d.position_id = target->identifier;
        target->price_open = (target->price_open * target->volume + price * volume) / (target->volume + volume);
        target->volume = round_volume(target->volume + volume);
        if (sl > 0 || tp > 0)
        {
            target->sl = sl;
            target->tp = tp;
        }
        target->time_update_ms = now;
    }
    else if (volume < target->volume - VOLUME_EPSILON)
    {
        d.entry = mql5::DEAL_ENTRY_OUT;
        d.position_id = target->identifier;
        d.profit = round_money(pnl(*target, s, price, volume));
        target->volume = round_volume(target->volume - volume);
        target->time_update_ms = now;
    }
    else if (volume <= target->volume + VOLUME_EPSILON)
    {
        d.entry = mql5::DEAL_ENTRY_OUT;
        d.position_id = target->identifier;
        d.profit = round_money(pnl(*target, s, price, target->volume));
        const ulong ticket = target->ticket;
        t.positions.erase(std::remove_if(t.positions.begin(), t.positions.end(), [ticket](const Position& p) { return p.ticket == ticket; }),
                          t.positions.end());
        target = nullptr;
    }
    else
    {
        // Netting reversal: one INOUT deal; the identifier stays, the ticket becomes this order's.
        d.entry = mql5::DEAL_ENTRY_INOUT;
        d.position_id = target->identifier;
        d.profit = round_money(pnl(*target, s, price, target->volume));
        target->volume = round_volume(volume - target->volume);
        target->type = buy ? mql5::POSITION_TYPE_BUY : mql5::POSITION_TYPE_SELL;
        target->price_open = price;
        target->ticket = o.ticket;
        target->sl = sl;
        target->tp = tp;
        target->magic = magic;
        target->comment = comment;
        target->time_ms = now;
        target->time_update_ms = now;
    }
    o.position_id = d.position_id;
    t.account.balance = round_money(t.account.balance + d.profit + d.commission + d.fee + d.swap);
    t.orders.push_back(o);
    t.deals.push_back(d);
    publish_deal(d, &o);
    return Fill{o.ticket, d.ticket, price, volume};
}

// A close decided by the server (SL, TP, stop-out) or forced by a harness command: no request checks.
void forced_close(const ulong ticket, const double volume, const int reason, const std::string& comment, const ulong magic)
{
    Position* p = find_position(ticket);
    SymbolSpec* s = p == nullptr ? nullptr : find_symbol(p->symbol);
    if (p == nullptr || s == nullptr)
    {
        return;
    }
    const double v = volume > 0 && volume < p->volume ? volume : p->volume;
    execute(*s, p->type != mql5::POSITION_TYPE_BUY, v, p, magic, comment, reason, 0, 0, mql5::ORDER_FILLING_FOK);
}

void check_stops_and_stop_out(const std::string& symbol)
{
    Terminal& t = terminal();
    std::vector<std::pair<ulong, int>> hits;
    for (const Position& p : t.positions)
    {
        if (p.symbol != symbol)
        {
            continue;
        }
        const SymbolSpec& s = *find_symbol(p.symbol);
        const double price = close_price(p, s);
        const bool buy = p.type == mql5::POSITION_TYPE_BUY;
        if (p.sl > 0 && (buy ? price <= p.sl : price >= p.sl))
        {
            hits.emplace_back(p.ticket, mql5::DEAL_REASON_SL);
        }
        else if (p.tp > 0 && (buy ? price >= p.tp : price <= p.tp))
        {
            hits.emplace_back(p.ticket, mql5::DEAL_REASON_TP);
        }
    }
    for (const auto& hit : hits)
    {
        const Position* p = find_position(hit.first);
        if (p != nullptr)
        {
            const bool sl = hit.second == mql5::DEAL_REASON_SL;
            forced_close(hit.first, 0, hit.second, std::string(sl ? "[sl " : "[tp ") + num(sl ? p->sl : p->tp) + "]", p->magic);
        }
    }
    // Stop-out: the most losing position first, until the margin level is above the stop-out level.
    while (!t.positions.empty())
    {
        const double m = margin();
        const double e = equity();
        if (m <= 0)
        {
            break;
        }
        const double level = e / m * 100.0;
        const bool out = t.account.stopout_mode == mql5::ACCOUNT_STOPOUT_MODE_PERCENT ? level <= t.account.stop_out : e <= t.account.stop_out;
        if (!out)
        {
            break;
        }
        const Position* worst = nullptr;
        for (const Position& p : t.positions)
        {
            if (worst == nullptr || floating_profit(p) < floating_profit(*worst))
            {
                worst = &p;
            }
        }
        char comment[96];
        std::snprintf(comment, sizeof(comment), "[so %.2f%%/%.2f/%.2f]", level, e, m);
        forced_close(worst->ticket, 0, mql5::DEAL_REASON_SO, comment, worst->magic);
    }
}

// ------------------------------------------------------------------ OrderSend
uint deal_request(const MqlTradeRequest& rq, MqlTradeResult& result, const Source source)
{
    Terminal& t = terminal();
    SymbolSpec* s = find_symbol(rq.symbol.str());
    if (s == nullptr)
    {
        mql5::set_last_error(mql5::ERR_MARKET_UNKNOWN_SYMBOL);
        return fail(result, mql5::TRADE_RETCODE_INVALID);
    }
    if (rq.type != mql5::ORDER_TYPE_BUY && rq.type != mql5::ORDER_TYPE_SELL)
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID_ORDER);
    }
    const bool buy = rq.type == mql5::ORDER_TYPE_BUY;
    if (!valid_volume(*s, rq.volume))
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID_VOLUME);
    }
    if (!market_open(*s))
    {
        return fail(result, mql5::TRADE_RETCODE_MARKET_CLOSED);
    }
    if (s->trade_mode == mql5::SYMBOL_TRADE_MODE_DISABLED)
    {
        return fail(result, mql5::TRADE_RETCODE_TRADE_DISABLED);
    }
    Position* target = nullptr;
    if (rq.position != 0)
    {
        target = find_position(rq.position);
        if (target == nullptr)
        {
            return fail(result, mql5::TRADE_RETCODE_POSITION_CLOSED);
        }
        if (target->symbol != s->name)
        {
            return fail(result, mql5::TRADE_RETCODE_INVALID);
        }
    }
    if (netting())
    {
        target = position_on(s->name);
    }
    else if (target != nullptr && (target->type == mql5::POSITION_TYPE_BUY) == buy)
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID);   // a hedging close must be the opposite direction
    }
    const bool opposite = target != nullptr && (target->type == mql5::POSITION_TYPE_BUY) != buy;
    if (!netting() && target != nullptr && rq.volume > target->volume + VOLUME_EPSILON)
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID_CLOSE_VOLUME);
    }
    const double opening = opposite ? rq.volume - target->volume : rq.volume;
    if (opening > VOLUME_EPSILON)
    {
        if (s->trade_mode == mql5::SYMBOL_TRADE_MODE_CLOSEONLY)
        {
            return fail(result, mql5::TRADE_RETCODE_CLOSE_ONLY);
        }
        if (s->trade_mode == mql5::SYMBOL_TRADE_MODE_LONGONLY && !buy)
        {
            return fail(result, mql5::TRADE_RETCODE_LONG_ONLY);
        }
        if (s->trade_mode == mql5::SYMBOL_TRADE_MODE_SHORTONLY && buy)
        {
            return fail(result, mql5::TRADE_RETCODE_SHORT_ONLY);
        }
    }
    if (!filling_allowed(*s, rq.type_filling))
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID_FILL);
    }
    const double price = buy ? s->ask : s->bid;
    if (t.requotes > 0)
    {
        t.requotes--;
        result.bid = s->bid;
        result.ask = s->ask;
        return fail(result, mql5::TRADE_RETCODE_REQUOTE);
    }
    if (s->exemode == mql5::SYMBOL_TRADE_EXECUTION_INSTANT || s->exemode == mql5::SYMBOL_TRADE_EXECUTION_REQUEST)
    {
        // Trading at the requested price: a price further than the deviation from the current one is requoted.
        if (!(rq.price > 0))
        {
            return fail(result, mql5::TRADE_RETCODE_INVALID_PRICE);
        }
        if (std::fabs(rq.price - price) > static_cast<double>(rq.deviation) * s->point + s->point * 1e-3)
        {
            result.bid = s->bid;
            result.ask = s->ask;
            return fail(result, mql5::TRADE_RETCODE_REQUOTE);
        }
    }
    if (opening > VOLUME_EPSILON && !stops_valid(*s, buy, rq.sl, rq.tp))
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID_STOPS);
    }
    if (opposite && frozen(*s, *target))
    {
        return fail(result, mql5::TRADE_RETCODE_FROZEN);
    }
    if (opening > VOLUME_EPSILON)
    {
        std::vector<Position> after = t.positions;
        if (netting() && target != nullptr)
        {
            for (Position& p : after)
            {
                if (p.ticket == target->ticket)
                {
                    p.volume = opposite ? round_volume(opening) : round_volume(p.volume + rq.volume);
                    p.type = buy ? mql5::POSITION_TYPE_BUY : mql5::POSITION_TYPE_SELL;
                }
            }
        }
        else
        {
            Position p;
            p.symbol = s->name;
            p.type = buy ? mql5::POSITION_TYPE_BUY : mql5::POSITION_TYPE_SELL;
            p.volume = opening;
            after.push_back(p);
        }
        if (equity() - margin_of(after) < 0)
        {
            return fail(result, mql5::TRADE_RETCODE_NO_MONEY);
        }
    }
    const int reason = source == Source::PROGRAM ? mql5::DEAL_REASON_EXPERT : mql5::DEAL_REASON_CLIENT;
    const Fill fill = execute(*s, buy, rq.volume, target, rq.magic, rq.comment.str(), reason, rq.sl, rq.tp, rq.type_filling);
    result.retcode = mql5::TRADE_RETCODE_DONE;
    result.comment = result_comment(result.retcode);
    result.order = fill.order;
    result.deal = fill.deal;
    result.price = fill.price;
    result.volume = fill.volume;
    result.bid = s->bid;
    result.ask = s->ask;
    return result.retcode;
}

uint sltp_request(const MqlTradeRequest& rq, MqlTradeResult& result)
{
    Position* p = rq.position != 0 ? find_position(rq.position) : (netting() ? position_on(rq.symbol.str()) : nullptr);
    if (p == nullptr)
    {
        return fail(result, mql5::TRADE_RETCODE_POSITION_CLOSED);
    }
    SymbolSpec& s = *find_symbol(p->symbol);
    if (!market_open(s))
    {
        return fail(result, mql5::TRADE_RETCODE_MARKET_CLOSED);
    }
    if (rq.sl == p->sl && rq.tp == p->tp)
    {
        return fail(result, mql5::TRADE_RETCODE_NO_CHANGES);
    }
    if (frozen(s, *p))
    {
        return fail(result, mql5::TRADE_RETCODE_FROZEN);
    }
    if (!stops_valid(s, p->type == mql5::POSITION_TYPE_BUY, rq.sl, rq.tp))
    {
        return fail(result, mql5::TRADE_RETCODE_INVALID_STOPS);
    }
    p->sl = rq.sl;
    p->tp = rq.tp;
    p->time_update_ms = server_ms();
    MqlTradeTransaction changed = transaction(mql5::TRADE_TRANSACTION_POSITION);
    changed.symbol = p->symbol;
    changed.position = p->ticket;
    changed.price_sl = p->sl;
    changed.price_tp = p->tp;
    changed.volume = p->volume;
    changed.price = p->price_open;
    queue_transaction(changed, MqlTradeRequest{}, MqlTradeResult{});
    queue_trade_event();
    result.retcode = mql5::TRADE_RETCODE_DONE;
    result.comment = result_comment(result.retcode);
    return result.retcode;
}

uint process(const MqlTradeRequest& rq, MqlTradeResult& result, const Source source, bool& reached_server)
{
    Terminal& t = terminal();
    reached_server = false;
    if (t.fail_next != 0)
    {
        const uint code = t.fail_next;
        t.fail_next = 0;
        reached_server = true;
        return fail(result, code);
    }
    if (source == Source::PROGRAM && (!t.terminal_trade_allowed || !t.program_trade_allowed))
    {
        return fail(result, mql5::TRADE_RETCODE_CLIENT_DISABLES_AT);
    }
    if (!t.connected)
    {
        return fail(result, mql5::TRADE_RETCODE_CONNECTION);
    }
    reached_server = true;
    if (!t.account.trade_allowed)
    {
        return fail(result, mql5::TRADE_RETCODE_TRADE_DISABLED);
    }
    if (source == Source::PROGRAM && !t.account.trade_expert)
    {
        return fail(result, mql5::TRADE_RETCODE_SERVER_DISABLES_AT);
    }
    switch (rq.action)
    {
        case mql5::TRADE_ACTION_DEAL:
            return deal_request(rq, result, source);
        case mql5::TRADE_ACTION_SLTP:
            return sltp_request(rq, result);
        default:
            emit("HARNESS OrderSend action " + std::to_string(static_cast<int>(rq.action)) + " is not modelled (pending orders, close-by)");
            return fail(result, mql5::TRADE_RETCODE_INVALID);
    }
}

bool success(const uint code)
{
    return code == mql5::TRADE_RETCODE_DONE || code == mql5::TRADE_RETCODE_PLACED || code == mql5::TRADE_RETCODE_DONE_PARTIAL;
}

std::string action_name(const int action)
{
    switch (action)
    {
        case mql5::TRADE_ACTION_DEAL: return "DEAL";
        case mql5::TRADE_ACTION_PENDING: return "PENDING";
        case mql5::TRADE_ACTION_SLTP: return "SLTP";
        case mql5::TRADE_ACTION_MODIFY: return "MODIFY";
        case mql5::TRADE_ACTION_REMOVE: return "REMOVE";
        case mql5::TRADE_ACTION_CLOSE_BY: return "CLOSE_BY";
        default: return std::to_string(action);
    }
}

std::string trade_line(const MqlTradeRequest& rq, const MqlTradeResult& r)
{
    return "TRADE action=" + action_name(rq.action) + " symbol=" + rq.symbol.str() + " type=" + type_name(rq.type) + " volume=" + num(rq.volume) +
           " price=" + num(rq.price) + " sl=" + num(rq.sl) + " tp=" + num(rq.tp) + " deviation=" + std::to_string(rq.deviation) +
           " filling=" + filling_name(rq.type_filling) + " position=" + std::to_string(rq.position) +
           " magic=" + std::to_string(static_cast<long>(rq.magic)) + " comment=" + quoted(rq.comment.str()) +
           " -> retcode=" + std::to_string(r.retcode) + " order=" + std::to_string(r.order) + " deal=" + std::to_string(r.deal) +
           " price=" + num(r.price) + " volume=" + num(r.volume) + " bid=" + num(r.bid) + " ask=" + num(r.ask) +
           " comment=" + quoted(r.comment.str());
}

bool order_send(const MqlTradeRequest& rq, MqlTradeResult& result)
{
    result = MqlTradeResult{};
    result.request_id = ++terminal().request_id;
    bool reached_server = false;
    const uint code = process(rq, result, Source::PROGRAM, reached_server);
    emit(trade_line(rq, result));
    if (reached_server)
    {
        queue_transaction(transaction(mql5::TRADE_TRANSACTION_REQUEST), rq, result);
    }
    const bool ok = success(code);
    if (!ok)
    {
        mql5::set_last_error(code == mql5::TRADE_RETCODE_CLIENT_DISABLES_AT ? mql5::ERR_TRADE_DISABLED : mql5::ERR_TRADE_SEND_FAILED);
    }
    return ok;
}

// ------------------------------------------------------------------ program views
bool visible(const long long visible_at_us)
{
    return visible_at_us <= now_us();
}

void select_position(const Position& p)
{
    g_view.has_position = true;
    g_view.position = p;
    g_view.position_profit = floating_profit(p);
    const SymbolSpec* s = find_symbol(p.symbol);
    g_view.position_price_current = s == nullptr ? 0 : close_price(p, *s);
}

const Deal* view_deal(const ulong ticket)
{
    for (const Deal& d : g_view.deals)
    {
        if (d.ticket == ticket)
        {
            return &d;
        }
    }
    mql5::set_last_error(mql5::ERR_TRADE_DEAL_NOT_FOUND);
    return nullptr;
}

const Order* view_order(const ulong ticket)
{
    for (const Order& o : g_view.orders)
    {
        if (o.ticket == ticket)
        {
            return &o;
        }
    }
    mql5::set_last_error(mql5::ERR_TRADE_ORDER_NOT_FOUND);
    return nullptr;
}

// ------------------------------------------------------------------ commands
bool flag(const std::string& text, const std::string& what)
{
    if (text == "1" || text == "on" || text == "true")
    {
        return true;
    }
    if (text == "0" || text == "off" || text == "false")
    {
        return false;
    }
    throw CommandError(what + ": expected 0 or 1, not " + text);
}

int parse_filling(const std::string& text)
{
    int flags = 0;
    size_t start = 0;
    while (start <= text.size() && !text.empty())
    {
        const size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (part == "FOK")
        {
            flags |= mql5::SYMBOL_FILLING_FOK;
        }
        else if (part == "IOC")
        {
            flags |= mql5::SYMBOL_FILLING_IOC;
        }
        else if (part == "BOC")
        {
            flags |= mql5::SYMBOL_FILLING_BOC;
        }
        else if (part != "RETURN" && part != "NONE" && !part.empty())
        {
            throw CommandError("filling: FOK, IOC, BOC or NONE, not " + part);
        }
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 1;
    }
    return flags;
}

int parse_choice(const std::string& text, const std::vector<std::string>& names, const std::string& what)
{
    for (size_t i = 0; i < names.size(); i++)
    {
        if (names[i] == text)
        {
            return static_cast<int>(i);
        }
    }
    throw CommandError(what + ": unknown value " + text);
}

void balance_operation(const int type, const double amount)
{
    Terminal& t = terminal();
    Deal d;
    d.ticket = t.next_deal++;
    d.time_ms = server_ms();
    d.type = type;
    d.entry = mql5::DEAL_ENTRY_IN;
    d.reason = mql5::DEAL_REASON_CLIENT;
    d.profit = round_money(amount);
    d.comment = type == mql5::DEAL_TYPE_CREDIT ? "credit" : (type == mql5::DEAL_TYPE_BONUS ? "bonus" : (amount >= 0 ? "deposit" : "withdrawal"));
    d.visible_at_us = now_us() + t.history_delay_us;
    if (type == mql5::DEAL_TYPE_CREDIT)
    {
        t.account.credit = round_money(t.account.credit + d.profit);
    }
    else
    {
        t.account.balance = round_money(t.account.balance + d.profit);
    }
    t.deals.push_back(d);
    publish_deal(d, nullptr);
}

void symbol_command(const Args& args)
{
    if (args.positional.size() != 1)
    {
        throw CommandError("symbol NAME key=value ...");
    }
    const std::string& name = args.positional[0];
    SymbolSpec* s = find_symbol(name);
    if (s == nullptr)
    {
        terminal().symbols.push_back(make_symbol(name));
        s = &terminal().symbols.back();
    }
    for (const auto& kv : args.named)
    {
        const std::string& k = kv.first;
        const std::string& v = kv.second;
        if (k == "contract")
        {
            s->contract = to_double(v, k);
        }
        else if (k == "min")
        {
            s->volume_min = to_double(v, k);
        }
        else if (k == "step")
        {
            s->volume_step = to_double(v, k);
        }
        else if (k == "max")
        {
            s->volume_max = to_double(v, k);
        }
        else if (k == "limit")
        {
            s->volume_limit = to_double(v, k);
        }
        else if (k == "digits")
        {
            s->digits = static_cast<int>(to_long(v, k));
        }
        else if (k == "tick")
        {
            s->tick_size = to_double(v, k);
        }
        else if (k == "point")
        {
            s->point = to_double(v, k);
        }
        else if (k == "filling")
        {
            s->filling = parse_filling(v);
        }
        else if (k == "exemode")
        {
            s->exemode = parse_choice(v, {"REQUEST", "INSTANT", "MARKET", "EXCHANGE"}, k);
        }
        else if (k == "stops")
        {
            s->stops_level = static_cast<int>(to_long(v, k));
        }
        else if (k == "freeze")
        {
            s->freeze_level = static_cast<int>(to_long(v, k));
        }
        else if (k == "trade")
        {
            s->trade_mode = parse_choice(v, {"DISABLED", "LONGONLY", "SHORTONLY", "CLOSEONLY", "FULL"}, k);
        }
        else if (k == "calc")
        {
            s->calc_mode = parse_choice(v, {"FOREX", "FUTURES", "CFD", "CFDINDEX", "CFDLEVERAGE", "FOREX_NO_LEVERAGE"}, k);
        }
        else if (k == "commission")
        {
            s->commission = to_double(v, k);
        }
        else if (k == "fee")
        {
            s->fee = to_double(v, k);
        }
        else if (k == "bid")
        {
            s->bid = to_double(v, k);
        }
        else if (k == "ask")
        {
            s->ask = to_double(v, k);
        }
        else if (k == "base")
        {
            s->base = v;
        }
        else if (k == "profit")
        {
            s->profit = v;
        }
        else if (k == "margin")
        {
            s->margin = v;
        }
        else if (k == "selected")
        {
            s->selected = flag(v, k);
        }
        else
        {
            throw CommandError("symbol: unknown key " + k);
        }
    }
    if (!(s->volume_min > 0) || !(s->volume_step > 0) || s->volume_max < s->volume_min || !(s->point > 0) || !(s->tick_size > 0))
    {
        throw CommandError("symbol " + name + ": volumes, point and tick must be > 0 and max >= min");
    }
}

void account_command(const Args& args)
{
    Account& a = terminal().account;
    for (const auto& kv : args.named)
    {
        const std::string& k = kv.first;
        const std::string& v = kv.second;
        if (k == "mode")
        {
            const int mode = parse_choice(v, {"netting", "exchange", "hedging"}, k);
            if (mode != a.margin_mode && !terminal().positions.empty())
            {
                throw CommandError("account mode: close the open positions first");
            }
            a.margin_mode = mode;
        }
        else if (k == "login")
        {
            a.login = to_long(v, k);
        }
        else if (k == "balance")
        {
            a.balance = to_double(v, k);
        }
        else if (k == "credit")
        {
            a.credit = to_double(v, k);
        }
        else if (k == "leverage")
        {
            a.leverage = to_long(v, k);
        }
        else if (k == "server")
        {
            a.server = v;
        }
        else if (k == "currency")
        {
            a.currency = v;
        }
        else if (k == "company")
        {
            a.company = v;
        }
        else if (k == "name")
        {
            a.name = v;
        }
        else if (k == "stopout")
        {
            a.stop_out = to_double(v, k);
        }
        else if (k == "margincall")
        {
            a.margin_call = to_double(v, k);
        }
        else if (k == "stopout-mode")
        {
            a.stopout_mode = parse_choice(v, {"percent", "money"}, k);
        }
        else
        {
            throw CommandError("account: unknown key " + k);
        }
    }
}

void print_positions()
{
    for (const Position& p : terminal().positions)
    {
        emit("POSITION ticket=" + std::to_string(p.ticket) + " identifier=" + std::to_string(p.identifier) + " symbol=" + p.symbol +
             " type=" + (p.type == mql5::POSITION_TYPE_BUY ? "BUY" : "SELL") + " volume=" + num(p.volume) + " price=" + num(p.price_open) +
             " profit=" + num(floating_profit(p)) + " magic=" + std::to_string(static_cast<long>(p.magic)) + " sl=" + num(p.sl) +
             " tp=" + num(p.tp) + " swap=" + num(p.swap) + " time=" + std::to_string(p.time_ms) + " comment=" + quoted(p.comment));
    }
}

void print_orders()
{
    for (const Order& o : terminal().orders)
    {
        emit("HORDER ticket=" + std::to_string(o.ticket) + " symbol=" + o.symbol + " type=" + type_name(o.type) + " state=" + state_name(o.state) +
             " volume=" + num(o.volume_initial) + " price=" + num(o.price_open) + " position=" + std::to_string(o.position_id) +
             " magic=" + std::to_string(static_cast<long>(o.magic)) + " reason=" + reason_name(o.reason) + " time=" + std::to_string(o.time_setup_ms) +
             " comment=" + quoted(o.comment));
    }
}

void open_command(const Args& args)
{
    if (args.positional.size() != 3)
    {
        throw CommandError("open SYMBOL BUY|SELL VOLUME [magic=N] [sl=X] [tp=X] [comment=TEXT]");
    }
    MqlTradeRequest rq{};
    rq.action = mql5::TRADE_ACTION_DEAL;
    rq.symbol = args.positional[0];
    rq.type = args.positional[1] == "BUY" ? mql5::ORDER_TYPE_BUY : (args.positional[1] == "SELL" ? mql5::ORDER_TYPE_SELL : throw CommandError("open: BUY or SELL"));
    rq.volume = to_double(args.positional[2], "volume");
    const auto get = [&args](const std::string& key) { const auto f = args.named.find(key); return f == args.named.end() ? std::string() : f->second; };
    rq.magic = get("magic").empty() ? 0 : static_cast<ulong>(to_long(get("magic"), "magic"));
    rq.sl = get("sl").empty() ? 0 : to_double(get("sl"), "sl");
    rq.tp = get("tp").empty() ? 0 : to_double(get("tp"), "tp");
    rq.comment = get("comment");
    const SymbolSpec* s = find_symbol(rq.symbol.str());
    rq.price = s == nullptr ? 0 : (rq.type == mql5::ORDER_TYPE_BUY ? s->ask : s->bid);
    rq.deviation = 1000000;
    // A person trading by hand: the terminal picks a filling mode the symbol allows.
    rq.type_filling = s != nullptr && (s->filling & mql5::SYMBOL_FILLING_FOK) == 0 && (s->filling & mql5::SYMBOL_FILLING_IOC) != 0
                          ? mql5::ORDER_FILLING_IOC
                          : (s != nullptr && s->filling == 0 ? mql5::ORDER_FILLING_RETURN : mql5::ORDER_FILLING_FOK);
    if (s != nullptr && s->exemode == mql5::SYMBOL_TRADE_EXECUTION_EXCHANGE && s->filling == 0)
    {
        rq.type_filling = mql5::ORDER_FILLING_RETURN;
    }
    MqlTradeResult result{};
    bool reached = false;
    const uint code = process(rq, result, Source::CLIENT, reached);
    if (!success(code))
    {
        throw CommandError("retcode=" + std::to_string(code) + " " + result.comment.str());
    }
    const Deal& d = terminal().deals.back();
    emit("RESULT retcode=" + std::to_string(code) + " order=" + std::to_string(result.order) + " deal=" + std::to_string(result.deal) +
         " position=" + std::to_string(d.position_id) + " price=" + num(result.price) + " volume=" + num(result.volume));
}

void close_command(const Args& args)
{
    if (args.positional.empty() || args.positional.size() > 2)
    {
        throw CommandError("close TICKET [VOLUME] [reason=CLIENT|SL|TP|SO|EXPERT] [magic=N]");
    }
    const ulong ticket = static_cast<ulong>(to_long(args.positional[0], "ticket"));
    Position* p = find_position(ticket);
    if (p == nullptr)
    {
        throw CommandError("close: no open position with ticket " + args.positional[0]);
    }
    const double volume = args.positional.size() == 2 ? to_double(args.positional[1], "volume") : p->volume;
    const auto r = args.named.find("reason");
    const int reason = r == args.named.end() ? mql5::DEAL_REASON_CLIENT : parse_reason(r->second);
    const auto m = args.named.find("magic");
    const ulong magic = m == args.named.end() ? 0 : static_cast<ulong>(to_long(m->second, "magic"));
    if (volume <= 0 || volume > p->volume + VOLUME_EPSILON)
    {
        throw CommandError("close: volume must be in (0, " + num(p->volume) + "]");
    }
    const std::string comment = reason == mql5::DEAL_REASON_SL ? "[sl " + num(p->sl) + "]"
                              : reason == mql5::DEAL_REASON_TP ? "[tp " + num(p->tp) + "]"
                              : reason == mql5::DEAL_REASON_SO ? "[so]" : "";
    forced_close(ticket, volume, reason, comment, magic);
}

void ordersend_command(const Args& args)
{
    MqlTradeRequest rq{};
    const auto get = [&args](const std::string& key, const std::string& fallback) { const auto f = args.named.find(key); return f == args.named.end() ? fallback : f->second; };
    rq.action = get("action", "DEAL") == "SLTP" ? mql5::TRADE_ACTION_SLTP : mql5::TRADE_ACTION_DEAL;
    rq.symbol = get("symbol", "");
    rq.type = static_cast<mql5::ENUM_ORDER_TYPE>(parse_choice(get("type", "BUY"), {"BUY", "SELL"}, "type"));
    rq.volume = to_double(get("volume", "0"), "volume");
    const SymbolSpec* s = find_symbol(rq.symbol.str());
    const double current = s == nullptr ? 0 : (rq.type == mql5::ORDER_TYPE_BUY ? s->ask : s->bid);
    rq.price = to_double(get("price", num(current)), "price");
    rq.sl = to_double(get("sl", "0"), "sl");
    rq.tp = to_double(get("tp", "0"), "tp");
    rq.deviation = static_cast<ulong>(to_long(get("deviation", "0"), "deviation"));
    rq.type_filling = static_cast<mql5::ENUM_ORDER_TYPE_FILLING>(parse_choice(get("filling", "FOK"), {"FOK", "IOC", "RETURN", "BOC"}, "filling"));
    rq.position = static_cast<ulong>(to_long(get("position", "0"), "position"));
    rq.magic = static_cast<ulong>(to_long(get("magic", "0"), "magic"));
    rq.comment = get("comment", "");
    MqlTradeResult result{};
    order_send(rq, result);
}
} // namespace

// ================================================================== harness-facing
void reset_program_state()
{
    g_view = ProgramView{};
}

long long time_current_seconds()
{
    const Terminal& t = terminal();
    if (t.live_feed && !t.weekend && t.connected)
    {
        return server_ms() / 1000;   // quotes arrive all the time on a live market
    }
    return t.last_quote_ms / 1000;
}

bool terminal_connected()
{
    return terminal().connected;
}

bool terminal_trade_allowed()
{
    return terminal().terminal_trade_allowed;
}

bool program_trade_allowed()
{
    return terminal().program_trade_allowed;
}

bool symbol_known(const std::string& name)
{
    return find_symbol(name) != nullptr;
}

const std::string& first_symbol()
{
    static const std::string none = "EURUSD";
    return terminal().symbols.empty() ? none : terminal().symbols.front().name;
}
} // namespace model

bool model_command(const std::string& verb, const Words& words)
{
    using namespace model;
    Terminal& t = terminal();
    const Args args = parse_args(words, 1);
    if (verb == "account")
    {
        account_command(args);
    }
    else if (verb == "symbol")
    {
        symbol_command(args);
    }
    else if (verb == "symbol-del")
    {
        for (const std::string& name : args.positional)
        {
            for (const Position& p : t.positions)
            {
                if (p.symbol == name)
                {
                    throw CommandError("symbol-del: " + name + " has open positions");
                }
            }
            t.symbols.erase(std::remove_if(t.symbols.begin(), t.symbols.end(), [&name](const SymbolSpec& s) { return s.name == name; }), t.symbols.end());
        }
    }
    else if (verb == "suffix")
    {
        if (args.positional.size() != 1 || !t.positions.empty())
        {
            throw CommandError("suffix SUFFIX (with no open positions)");
        }
        for (SymbolSpec& s : t.symbols)
        {
            s.name += args.positional[0];
        }
    }
    else if (verb == "quote")
    {
        if (args.positional.size() != 3)
        {
            throw CommandError("quote SYMBOL BID ASK");
        }
        SymbolSpec& s = symbol_or_throw(args.positional[0]);
        const double bid = to_double(args.positional[1], "bid");
        const double ask = to_double(args.positional[2], "ask");
        if (!(bid > 0) || ask < bid)
        {
            throw CommandError("quote: need 0 < bid <= ask");
        }
        if (t.weekend || !t.connected)
        {
            throw CommandError("quote: no quotes reach the terminal (weekend or connection down)");
        }
        s.bid = bid;
        s.ask = ask;
        s.quote_ms = server_ms();
        t.last_quote_ms = s.quote_ms;
        check_stops_and_stop_out(s.name);
        queue_tick(s.name);
    }
    else if (verb == "deposit" || verb == "credit" || verb == "bonus")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError(verb + " AMOUNT");
        }
        const double amount = to_double(args.positional[0], verb);
        balance_operation(verb == "deposit" ? mql5::DEAL_TYPE_BALANCE : (verb == "credit" ? mql5::DEAL_TYPE_CREDIT : mql5::DEAL_TYPE_BONUS), amount);
    }
    else if (verb == "permissions")
    {
        for (const auto& kv : args.named)
        {
            if (kv.first == "terminal")
            {
                t.terminal_trade_allowed = flag(kv.second, kv.first);
            }
            else if (kv.first == "program")
            {
                t.program_trade_allowed = flag(kv.second, kv.first);
            }
            else if (kv.first == "account")
            {
                t.account.trade_allowed = flag(kv.second, kv.first);
            }
            else if (kv.first == "expert")
            {
                t.account.trade_expert = flag(kv.second, kv.first);
            }
            else
            {
                throw CommandError("permissions: terminal, program, account or expert");
            }
        }
    }
    else if (verb == "connection")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("connection up|down");
        }
        t.connected = parse_choice(args.positional[0], {"down", "up"}, "connection") == 1;
    }
    else if (verb == "market")
    {
        if (args.positional.size() != 2)
        {
            throw CommandError("market SYMBOL open|closed");
        }
        symbol_or_throw(args.positional[0]).open = parse_choice(args.positional[1], {"closed", "open"}, "market") == 1;
    }
    else if (verb == "weekend")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("weekend on|off");
        }
        const bool on = flag(args.positional[0], "weekend");
        if (on && !t.weekend && t.live_feed)
        {
            // The live feed's last quotes came just now; from here on nothing arrives.
            t.last_quote_ms = server_ms();
            for (SymbolSpec& s : t.symbols)
            {
                s.quote_ms = t.last_quote_ms;
            }
        }
        t.weekend = on;
    }
    else if (verb == "feed")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("feed live|manual");
        }
        const bool live = parse_choice(args.positional[0], {"manual", "live"}, "feed") == 1;
        if (!live && t.live_feed)
        {
            t.last_quote_ms = server_ms();
            for (SymbolSpec& s : t.symbols)
            {
                s.quote_ms = t.last_quote_ms;
            }
        }
        t.live_feed = live;
    }
    else if (verb == "history-delay")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("history-delay MS");
        }
        t.history_delay_us = to_long(args.positional[0], "history-delay") * 1000LL;
    }
    else if (verb == "trade-latency")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("trade-latency MS");
        }
        t.trade_latency_us = to_long(args.positional[0], "trade-latency") * 1000LL;
    }
    else if (verb == "requote")
    {
        t.requotes = args.positional.empty() ? 1 : static_cast<int>(to_long(args.positional[0], "requote"));
    }
    else if (verb == "fail-next")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("fail-next RETCODE");
        }
        t.fail_next = static_cast<uint>(to_long(args.positional[0], "fail-next"));
    }
    else if (verb == "drop-after-ordersend")
    {
        arm_drop_after_order_send();
    }
    else if (verb == "crash-after-ordersend")
    {
        arm_crash_after_order_send();
    }
    else if (verb == "close")
    {
        close_command(args);
    }
    else if (verb == "open")
    {
        open_command(args);
    }
    else if (verb == "ordersend")
    {
        ordersend_command(args);
    }
    else if (verb == "positions")
    {
        print_positions();
    }
    else if (verb == "deals")
    {
        for (const Deal& d : t.deals)
        {
            emit(deal_line(d));
        }
    }
    else if (verb == "orders")
    {
        print_orders();
    }
    else if (verb == "history")
    {
        // The deals a program sees with HistorySelect over all time (this replaces the program's selection).
        mql5::HistorySelect(datetime(0), datetime(LONG_MAX / 2));
        for (const Deal& d : g_view.deals)
        {
            emit("H" + deal_line(d));
        }
    }
    else if (verb == "account?")
    {
        const double m = margin();
        const double e = equity();
        emit("ACCOUNT balance=" + num(t.account.balance) + " equity=" + num(e) + " credit=" + num(t.account.credit) + " margin=" + num(m) +
             " free=" + num(round_money(e - m)) + " level=" + num(m > 0 ? round_money(e / m * 100) : 0) + " login=" + std::to_string(t.account.login) +
             " mode=" + (netting() ? "netting" : "hedging") + " currency=" + t.account.currency);
    }
    else if (verb == "symbols")
    {
        for (const SymbolSpec& s : t.symbols)
        {
            emit("SYMBOL name=" + s.name + " bid=" + num(s.bid) + " ask=" + num(s.ask) + " digits=" + std::to_string(s.digits) +
                 " contract=" + num(s.contract) + " min=" + num(s.volume_min) + " step=" + num(s.volume_step) + " max=" + num(s.volume_max) +
                 " filling=" + std::to_string(s.filling) + " exemode=" + std::to_string(s.exemode) + " open=" + (market_open(s) ? "1" : "0"));
        }
    }
    else
    {
        return false;
    }
    return true;
}
} // namespace harness

// ================================================================== the MQL5 functions
namespace mql5
{
using harness::model::Deal;
using harness::model::Order;
using harness::model::Position;
using harness::model::SymbolSpec;
using harness::model::g_view;
using harness::model::terminal;

// ------------------------------------------------------------------ terminal and program
int TerminalInfoInteger(const ENUM_TERMINAL_INFO_INTEGER property)
{
    switch (property)
    {
        case TERMINAL_BUILD: return 4410;
        case TERMINAL_CONNECTED: return terminal().connected ? 1 : 0;
        case TERMINAL_TRADE_ALLOWED: return terminal().terminal_trade_allowed ? 1 : 0;
        case TERMINAL_MAXBARS: return 100000;
        case TERMINAL_CODEPAGE: return 1252;
        case TERMINAL_CPU_CORES: return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        case TERMINAL_DISK_SPACE: return 100000;
        case TERMINAL_MEMORY_PHYSICAL:
        case TERMINAL_MEMORY_TOTAL: return 16384;
        case TERMINAL_MEMORY_AVAILABLE: return 8192;
        case TERMINAL_MEMORY_USED: return 512;
        case TERMINAL_X64: return 1;
        case TERMINAL_PING_LAST: return 1000;
        default: return 0;
    }
}

string TerminalInfoString(const ENUM_TERMINAL_INFO_STRING property)
{
    switch (property)
    {
        case TERMINAL_LANGUAGE: return "English";
        case TERMINAL_COMPANY: return string(terminal().account.company);
        case TERMINAL_NAME: return "MetaTrader 5 (Ringfence harness)";
        default: return "/harness";
    }
}

int MQLInfoInteger(const ENUM_MQL_INFO_INTEGER property)
{
    switch (property)
    {
        case MQL_PROGRAM_TYPE: return PROGRAM_EXPERT;
        case MQL_TRADE_ALLOWED: return terminal().program_trade_allowed ? 1 : 0;
        case MQL_MEMORY_LIMIT: return 65536;
        case MQL_MEMORY_USED: return 16;
        default: return 0;
    }
}

string MQLInfoString(const ENUM_MQL_INFO_STRING property)
{
    return property == MQL_PROGRAM_NAME ? string("RingfenceBridge") : string("/harness/MQL5/Experts/RingfenceBridge.ex5");
}

int Digits()
{
    const SymbolSpec* s = harness::model::find_symbol(harness::chart_symbol());
    return s == nullptr ? 5 : s->digits;
}

double Point()
{
    const SymbolSpec* s = harness::model::find_symbol(harness::chart_symbol());
    return s == nullptr ? 0.00001 : s->point;
}

// ------------------------------------------------------------------ account
long AccountInfoInteger(const ENUM_ACCOUNT_INFO_INTEGER property)
{
    const auto& a = terminal().account;
    switch (property)
    {
        case ACCOUNT_LOGIN: return a.login;
        case ACCOUNT_TRADE_MODE: return ACCOUNT_TRADE_MODE_DEMO;
        case ACCOUNT_LEVERAGE: return a.leverage;
        case ACCOUNT_LIMIT_ORDERS: return 200;
        case ACCOUNT_MARGIN_SO_MODE: return a.stopout_mode;
        case ACCOUNT_TRADE_ALLOWED: return a.trade_allowed ? 1 : 0;
        case ACCOUNT_TRADE_EXPERT: return a.trade_expert ? 1 : 0;
        case ACCOUNT_MARGIN_MODE: return a.margin_mode;
        case ACCOUNT_CURRENCY_DIGITS: return 2;
        case ACCOUNT_FIFO_CLOSE: return 0;
        case ACCOUNT_HEDGE_ALLOWED: return 1;
    }
    set_last_error(ERR_ACCOUNT_WRONG_PROPERTY);
    return 0;
}

double AccountInfoDouble(const ENUM_ACCOUNT_INFO_DOUBLE property)
{
    const auto& a = terminal().account;
    const double m = harness::model::margin();
    const double e = harness::model::equity();
    switch (property)
    {
        case ACCOUNT_BALANCE: return a.balance;
        case ACCOUNT_CREDIT: return a.credit;
        case ACCOUNT_PROFIT: return harness::model::round_money(harness::model::profit_total());
        case ACCOUNT_EQUITY: return e;
        case ACCOUNT_MARGIN: return m;
        case ACCOUNT_MARGIN_FREE: return harness::model::round_money(e - m);
        case ACCOUNT_MARGIN_LEVEL: return m > 0 ? e / m * 100.0 : 0;
        case ACCOUNT_MARGIN_SO_CALL: return a.margin_call;
        case ACCOUNT_MARGIN_SO_SO: return a.stop_out;
        default: return 0;
    }
}

string AccountInfoString(const ENUM_ACCOUNT_INFO_STRING property)
{
    const auto& a = terminal().account;
    switch (property)
    {
        case ACCOUNT_NAME: return string(a.name);
        case ACCOUNT_SERVER: return string(a.server);
        case ACCOUNT_CURRENCY: return string(a.currency);
        case ACCOUNT_COMPANY: return string(a.company);
    }
    return string();
}

// ------------------------------------------------------------------ symbols
namespace
{
const SymbolSpec* known(const string& name)
{
    const SymbolSpec* s = harness::model::find_symbol(name.str());
    if (s == nullptr)
    {
        set_last_error(ERR_MARKET_UNKNOWN_SYMBOL);
    }
    return s;
}

std::vector<const SymbolSpec*> listed(const bool selected)
{
    std::vector<const SymbolSpec*> list;
    for (const SymbolSpec& s : terminal().symbols)
    {
        if (!selected || s.selected)
        {
            list.push_back(&s);
        }
    }
    return list;
}

long quote_seconds(const SymbolSpec& s)
{
    return terminal().live_feed && !terminal().weekend && terminal().connected ? static_cast<long>(harness::server_now_ms() / 1000)
                                                                                : static_cast<long>(s.quote_ms / 1000);
}
} // namespace

int SymbolsTotal(const bool selected)
{
    return static_cast<int>(listed(selected).size());
}

bool SymbolExist(const string& name, bool& is_custom)
{
    is_custom = false;
    return harness::model::find_symbol(name.str()) != nullptr;
}

string SymbolName(const int pos, const bool selected)
{
    const auto list = listed(selected);
    if (pos < 0 || pos >= static_cast<int>(list.size()))
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return string();
    }
    return string(list[static_cast<size_t>(pos)]->name);
}

bool SymbolSelect(const string& name, const bool select)
{
    SymbolSpec* s = harness::model::find_symbol(name.str());
    if (s == nullptr)
    {
        set_last_error(ERR_MARKET_UNKNOWN_SYMBOL);
        return false;
    }
    s->selected = select;
    return true;
}

bool SymbolIsSynchronized(const string& name)
{
    return harness::model::find_symbol(name.str()) != nullptr;
}

long SymbolInfoInteger(const string& name, const ENUM_SYMBOL_INFO_INTEGER prop_id)
{
    long value = 0;
    SymbolInfoInteger(name, prop_id, value);
    return value;
}

bool SymbolInfoInteger(const string& name, const ENUM_SYMBOL_INFO_INTEGER prop_id, long& value)
{
    const SymbolSpec* s = known(name);
    if (s == nullptr)
    {
        value = 0;
        return false;
    }
    switch (prop_id)
    {
        case SYMBOL_SELECT:
        case SYMBOL_VISIBLE: value = s->selected ? 1 : 0; break;
        case SYMBOL_CUSTOM: value = 0; break;
        case SYMBOL_EXIST: value = 1; break;
        case SYMBOL_TIME: value = quote_seconds(*s); break;
        case SYMBOL_TIME_MSC: value = quote_seconds(*s) * 1000; break;
        case SYMBOL_DIGITS: value = s->digits; break;
        case SYMBOL_SPREAD_FLOAT: value = 1; break;
        case SYMBOL_SPREAD: value = static_cast<long>(std::lround((s->ask - s->bid) / s->point)); break;
        case SYMBOL_TRADE_CALC_MODE: value = s->calc_mode; break;
        case SYMBOL_TRADE_MODE: value = s->trade_mode; break;
        case SYMBOL_TRADE_STOPS_LEVEL: value = s->stops_level; break;
        case SYMBOL_TRADE_FREEZE_LEVEL: value = s->freeze_level; break;
        case SYMBOL_TRADE_EXEMODE: value = s->exemode; break;
        case SYMBOL_SWAP_MODE: value = SYMBOL_SWAP_MODE_DISABLED; break;
        case SYMBOL_SWAP_ROLLOVER3DAYS: value = 3; break;
        case SYMBOL_MARGIN_HEDGED_USE_LEG: value = 1; break;
        case SYMBOL_EXPIRATION_MODE: value = SYMBOL_EXPIRATION_GTC | SYMBOL_EXPIRATION_DAY | SYMBOL_EXPIRATION_SPECIFIED | SYMBOL_EXPIRATION_SPECIFIED_DAY; break;
        case SYMBOL_FILLING_MODE: value = s->filling; break;
        case SYMBOL_ORDER_MODE: value = 127; break;
        default: value = 0; break;
    }
    return true;
}

double SymbolInfoDouble(const string& name, const ENUM_SYMBOL_INFO_DOUBLE prop_id)
{
    double value = 0;
    SymbolInfoDouble(name, prop_id, value);
    return value;
}

bool SymbolInfoDouble(const string& name, const ENUM_SYMBOL_INFO_DOUBLE prop_id, double& value)
{
    const SymbolSpec* s = known(name);
    if (s == nullptr)
    {
        value = 0;
        return false;
    }
    switch (prop_id)
    {
        case SYMBOL_BID:
        case SYMBOL_BIDHIGH:
        case SYMBOL_BIDLOW: value = s->bid; break;
        case SYMBOL_ASK:
        case SYMBOL_ASKHIGH:
        case SYMBOL_ASKLOW: value = s->ask; break;
        case SYMBOL_POINT: value = s->point; break;
        case SYMBOL_TRADE_TICK_VALUE:
        case SYMBOL_TRADE_TICK_VALUE_PROFIT:
        case SYMBOL_TRADE_TICK_VALUE_LOSS: value = harness::model::to_account(s->tick_size * s->contract, s->profit); break;
        case SYMBOL_TRADE_TICK_SIZE: value = s->tick_size; break;
        case SYMBOL_TRADE_CONTRACT_SIZE: value = s->contract; break;
        case SYMBOL_VOLUME_MIN: value = s->volume_min; break;
        case SYMBOL_VOLUME_MAX: value = s->volume_max; break;
        case SYMBOL_VOLUME_STEP: value = s->volume_step; break;
        case SYMBOL_VOLUME_LIMIT: value = s->volume_limit; break;
        case SYMBOL_MARGIN_HEDGED: value = s->contract; break;
        default: value = 0; break;
    }
    return true;
}

string SymbolInfoString(const string& name, const ENUM_SYMBOL_INFO_STRING prop_id)
{
    string value;
    SymbolInfoString(name, prop_id, value);
    return value;
}

bool SymbolInfoString(const string& name, const ENUM_SYMBOL_INFO_STRING prop_id, string& value)
{
    const SymbolSpec* s = known(name);
    if (s == nullptr)
    {
        value = string();
        return false;
    }
    switch (prop_id)
    {
        case SYMBOL_CURRENCY_BASE: value = s->base; break;
        case SYMBOL_CURRENCY_PROFIT: value = s->profit; break;
        case SYMBOL_CURRENCY_MARGIN: value = s->margin; break;
        case SYMBOL_DESCRIPTION: value = s->description; break;
        case SYMBOL_PATH: value = "Forex\\" + s->name; break;
        default: value = string(); break;
    }
    return true;
}

bool SymbolInfoTick(const string& symbol, MqlTick& tick)
{
    const SymbolSpec* s = known(symbol);
    if (s == nullptr)
    {
        return false;
    }
    tick = MqlTick{};
    tick.time = datetime(quote_seconds(*s));
    tick.time_msc = quote_seconds(*s) * 1000;
    tick.bid = s->bid;
    tick.ask = s->ask;
    tick.flags = 2 | 4;   // TICK_FLAG_BID | TICK_FLAG_ASK
    return true;
}

// ------------------------------------------------------------------ trade
bool OrderSend(MqlTradeRequest& request, MqlTradeResult& result)
{
    // MT5's OrderSend is synchronous: the program's thread waits for the server (paced, so real time passes too).
    if (terminal().trade_latency_us > 0)
    {
        harness::advance_to(harness::now_us() + terminal().trade_latency_us);
    }
    const bool ok = harness::model::order_send(request, result);
    harness::after_order_send();
    return ok;
}

int PositionsTotal()
{
    return static_cast<int>(terminal().positions.size());
}

ulong PositionGetTicket(const int index)
{
    const auto& positions = terminal().positions;
    if (index < 0 || index >= static_cast<int>(positions.size()))
    {
        set_last_error(ERR_TRADE_POSITION_NOT_FOUND);
        g_view.has_position = false;
        return 0;
    }
    harness::model::select_position(positions[static_cast<size_t>(index)]);
    return g_view.position.ticket;
}

string PositionGetSymbol(const int index)
{
    return PositionGetTicket(index) == 0 ? string() : string(g_view.position.symbol);
}

bool PositionSelect(const string& symbol)
{
    // Hedging: of several positions on the symbol, the one with the smallest ticket.
    const Position* p = harness::model::position_on(symbol.str());
    if (p == nullptr)
    {
        set_last_error(ERR_TRADE_POSITION_NOT_FOUND);
        g_view.has_position = false;
        return false;
    }
    harness::model::select_position(*p);
    return true;
}

bool PositionSelectByTicket(const ulong ticket)
{
    const Position* p = harness::model::find_position(ticket);
    if (p == nullptr)
    {
        set_last_error(ERR_TRADE_POSITION_NOT_FOUND);
        g_view.has_position = false;
        return false;
    }
    harness::model::select_position(*p);
    return true;
}

bool PositionGetDouble(const ENUM_POSITION_PROPERTY_DOUBLE property_id, double& value)
{
    value = 0;
    if (!g_view.has_position)
    {
        set_last_error(ERR_TRADE_POSITION_NOT_FOUND);
        return false;
    }
    const Position& p = g_view.position;
    switch (property_id)
    {
        case POSITION_VOLUME: value = p.volume; break;
        case POSITION_PRICE_OPEN: value = p.price_open; break;
        case POSITION_SL: value = p.sl; break;
        case POSITION_TP: value = p.tp; break;
        case POSITION_PRICE_CURRENT: value = g_view.position_price_current; break;
        case POSITION_SWAP: value = p.swap; break;
        case POSITION_PROFIT: value = g_view.position_profit; break;
    }
    return true;
}

double PositionGetDouble(const ENUM_POSITION_PROPERTY_DOUBLE property_id)
{
    double value = 0;
    PositionGetDouble(property_id, value);
    return value;
}

bool PositionGetInteger(const ENUM_POSITION_PROPERTY_INTEGER property_id, long& value)
{
    value = 0;
    if (!g_view.has_position)
    {
        set_last_error(ERR_TRADE_POSITION_NOT_FOUND);
        return false;
    }
    const Position& p = g_view.position;
    switch (property_id)
    {
        case POSITION_TICKET: value = static_cast<long>(p.ticket); break;
        case POSITION_TIME: value = static_cast<long>(p.time_ms / 1000); break;
        case POSITION_TIME_MSC: value = static_cast<long>(p.time_ms); break;
        case POSITION_TIME_UPDATE: value = static_cast<long>(p.time_update_ms / 1000); break;
        case POSITION_TIME_UPDATE_MSC: value = static_cast<long>(p.time_update_ms); break;
        case POSITION_TYPE: value = p.type; break;
        case POSITION_MAGIC: value = static_cast<long>(p.magic); break;
        case POSITION_IDENTIFIER: value = static_cast<long>(p.identifier); break;
        case POSITION_REASON: value = p.reason; break;
    }
    return true;
}

long PositionGetInteger(const ENUM_POSITION_PROPERTY_INTEGER property_id)
{
    long value = 0;
    PositionGetInteger(property_id, value);
    return value;
}

bool PositionGetString(const ENUM_POSITION_PROPERTY_STRING property_id, string& value)
{
    value = string();
    if (!g_view.has_position)
    {
        set_last_error(ERR_TRADE_POSITION_NOT_FOUND);
        return false;
    }
    switch (property_id)
    {
        case POSITION_SYMBOL: value = g_view.position.symbol; break;
        case POSITION_COMMENT: value = g_view.position.comment; break;
        case POSITION_EXTERNAL_ID: value = string(); break;
    }
    return true;
}

string PositionGetString(const ENUM_POSITION_PROPERTY_STRING property_id)
{
    string value;
    PositionGetString(property_id, value);
    return value;
}

// Pending orders are not modelled: market orders are filled at once, so no order is ever active.
int OrdersTotal()
{
    return 0;
}

ulong OrderGetTicket(const int)
{
    set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
    return 0;
}

bool OrderSelect(const ulong)
{
    set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
    return false;
}

double OrderGetDouble(const ENUM_ORDER_PROPERTY_DOUBLE)
{
    set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
    return 0;
}

long OrderGetInteger(const ENUM_ORDER_PROPERTY_INTEGER)
{
    set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
    return 0;
}

string OrderGetString(const ENUM_ORDER_PROPERTY_STRING)
{
    set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
    return string();
}

// ------------------------------------------------------------------ history
// /en/docs/trading/historyselect: a snapshot of the deals and orders of [from, to] (server time) that the
// terminal has received; with a history delay, recent ones are not there yet.
bool HistorySelect(const datetime from_date, const datetime to_date)
{
    g_view.deals.clear();
    g_view.orders.clear();
    const long from = static_cast<long>(from_date);
    const long to = static_cast<long>(to_date);
    for (const Deal& d : terminal().deals)
    {
        const long t = static_cast<long>(d.time_ms / 1000);
        if (harness::model::visible(d.visible_at_us) && t >= from && t <= to)
        {
            g_view.deals.push_back(d);
        }
    }
    for (const Order& o : terminal().orders)
    {
        const long t = static_cast<long>(o.time_setup_ms / 1000);
        if (harness::model::visible(o.visible_at_us) && t >= from && t <= to)
        {
            g_view.orders.push_back(o);
        }
    }
    return true;
}

bool HistorySelectByPosition(const long position_id)
{
    g_view.deals.clear();
    g_view.orders.clear();
    for (const Deal& d : terminal().deals)
    {
        if (harness::model::visible(d.visible_at_us) && static_cast<long>(d.position_id) == position_id)
        {
            g_view.deals.push_back(d);
        }
    }
    for (const Order& o : terminal().orders)
    {
        if (harness::model::visible(o.visible_at_us) && static_cast<long>(o.position_id) == position_id)
        {
            g_view.orders.push_back(o);
        }
    }
    return true;
}

// /en/docs/trading/historydealselect: clears the program's deal list and copies the one deal into it.
bool HistoryDealSelect(const ulong ticket)
{
    g_view.deals.clear();
    for (const Deal& d : terminal().deals)
    {
        if (d.ticket == ticket && harness::model::visible(d.visible_at_us))
        {
            g_view.deals.push_back(d);
            return true;
        }
    }
    set_last_error(ERR_TRADE_DEAL_NOT_FOUND);
    return false;
}

bool HistoryOrderSelect(const ulong ticket)
{
    g_view.orders.clear();
    for (const Order& o : terminal().orders)
    {
        if (o.ticket == ticket && harness::model::visible(o.visible_at_us))
        {
            g_view.orders.push_back(o);
            return true;
        }
    }
    set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
    return false;
}

int HistoryDealsTotal()
{
    return static_cast<int>(g_view.deals.size());
}

ulong HistoryDealGetTicket(const int index)
{
    if (index < 0 || index >= HistoryDealsTotal())
    {
        set_last_error(ERR_TRADE_DEAL_NOT_FOUND);
        return 0;
    }
    return g_view.deals[static_cast<size_t>(index)].ticket;
}

int HistoryOrdersTotal()
{
    return static_cast<int>(g_view.orders.size());
}

ulong HistoryOrderGetTicket(const int index)
{
    if (index < 0 || index >= HistoryOrdersTotal())
    {
        set_last_error(ERR_TRADE_ORDER_NOT_FOUND);
        return 0;
    }
    return g_view.orders[static_cast<size_t>(index)].ticket;
}

double HistoryDealGetDouble(const ulong ticket_number, const ENUM_DEAL_PROPERTY_DOUBLE property_id)
{
    const Deal* d = harness::model::view_deal(ticket_number);
    if (d == nullptr)
    {
        return 0;
    }
    switch (property_id)
    {
        case DEAL_VOLUME: return d->volume;
        case DEAL_PRICE: return d->price;
        case DEAL_COMMISSION: return d->commission;
        case DEAL_SWAP: return d->swap;
        case DEAL_PROFIT: return d->profit;
        case DEAL_FEE: return d->fee;
        case DEAL_SL: return d->sl;
        case DEAL_TP: return d->tp;
    }
    return 0;
}

long HistoryDealGetInteger(const ulong ticket_number, const ENUM_DEAL_PROPERTY_INTEGER property_id)
{
    const Deal* d = harness::model::view_deal(ticket_number);
    if (d == nullptr)
    {
        return 0;
    }
    switch (property_id)
    {
        case DEAL_TICKET: return static_cast<long>(d->ticket);
        case DEAL_ORDER: return static_cast<long>(d->order);
        case DEAL_TIME: return static_cast<long>(d->time_ms / 1000);
        case DEAL_TIME_MSC: return static_cast<long>(d->time_ms);
        case DEAL_TYPE: return d->type;
        case DEAL_ENTRY: return d->entry;
        case DEAL_MAGIC: return static_cast<long>(d->magic);
        case DEAL_REASON: return d->reason;
        case DEAL_POSITION_ID: return static_cast<long>(d->position_id);
    }
    return 0;
}

string HistoryDealGetString(const ulong ticket_number, const ENUM_DEAL_PROPERTY_STRING property_id)
{
    const Deal* d = harness::model::view_deal(ticket_number);
    if (d == nullptr)
    {
        return string();
    }
    switch (property_id)
    {
        case DEAL_SYMBOL: return string(d->symbol);
        case DEAL_COMMENT: return string(d->comment);
        case DEAL_EXTERNAL_ID: return string();
    }
    return string();
}

double HistoryOrderGetDouble(const ulong ticket_number, const ENUM_ORDER_PROPERTY_DOUBLE property_id)
{
    const Order* o = harness::model::view_order(ticket_number);
    if (o == nullptr)
    {
        return 0;
    }
    switch (property_id)
    {
        case ORDER_VOLUME_INITIAL: return o->volume_initial;
        case ORDER_VOLUME_CURRENT: return o->volume_current;
        case ORDER_PRICE_OPEN: return o->price_open;
        case ORDER_SL: return o->sl;
        case ORDER_TP: return o->tp;
        case ORDER_PRICE_CURRENT: return o->price_current;
        case ORDER_PRICE_STOPLIMIT: return 0;
    }
    return 0;
}

long HistoryOrderGetInteger(const ulong ticket_number, const ENUM_ORDER_PROPERTY_INTEGER property_id)
{
    const Order* o = harness::model::view_order(ticket_number);
    if (o == nullptr)
    {
        return 0;
    }
    switch (property_id)
    {
        case ORDER_TICKET: return static_cast<long>(o->ticket);
        case ORDER_TIME_SETUP: return static_cast<long>(o->time_setup_ms / 1000);
        case ORDER_TYPE: return o->type;
        case ORDER_STATE: return o->state;
        case ORDER_TIME_EXPIRATION: return 0;
        case ORDER_TIME_DONE: return static_cast<long>(o->time_done_ms / 1000);
        case ORDER_TIME_SETUP_MSC: return static_cast<long>(o->time_setup_ms);
        case ORDER_TIME_DONE_MSC: return static_cast<long>(o->time_done_ms);
        case ORDER_TYPE_FILLING: return o->filling;
        case ORDER_TYPE_TIME: return o->type_time;
        case ORDER_MAGIC: return static_cast<long>(o->magic);
        case ORDER_REASON: return o->reason;
        case ORDER_POSITION_ID: return static_cast<long>(o->position_id);
        case ORDER_POSITION_BY_ID: return 0;
    }
    return 0;
}

string HistoryOrderGetString(const ulong ticket_number, const ENUM_ORDER_PROPERTY_STRING property_id)
{
    const Order* o = harness::model::view_order(ticket_number);
    if (o == nullptr)
    {
        return string();
    }
    switch (property_id)
    {
        case ORDER_SYMBOL: return string(o->symbol);
        case ORDER_COMMENT: return string(o->comment);
        case ORDER_EXTERNAL_ID: return string();
    }
    return string();
}
} // namespace mql5
