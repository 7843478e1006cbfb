// The MQL5 runtime of the harness: virtual clock, program lifecycle and event queue, inputs, last error,
// Print/format, strings and conversions, sockets over real POSIX TCP, and the terminal's global variables.
#include "harness.h"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <iterator>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <regex>
#include <set>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using mql5::datetime;
using mql5::string;
using mql5::uchar;
using mql5::uint;
using mql5::ulong;
using mql5::ushort;

namespace harness
{
namespace
{
// ------------------------------------------------------------------ state
long long wall_us()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000LL + ts.tv_nsec / 1000;
}

struct ClockState
{
    long long virtual_us = 0;
    long long virtual_origin_us = 0;
    long long real_origin_us = 0;
    bool paced = true;
    int server_offset = 7200;   // a typical broker server on EET
    int local_offset = 0;
    long long tick_count_base_ms = 100000000LL;   // the "terminal" has been up a while
    long long boot_us = 0;
    ClockState()
    {
        virtual_us = wall_us();
        virtual_origin_us = virtual_us;
        boot_us = virtual_us;
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        real_origin_us = static_cast<long long>(ts.tv_sec) * 1000000LL + ts.tv_nsec / 1000;
    }
};
ClockState g_clock;

struct Event
{
    enum Type
    {
        TICK,
        TRANSACTION,
        TRADE
    } type;
    mql5::MqlTradeTransaction trans{};
    mql5::MqlTradeRequest request{};
    mql5::MqlTradeResult result{};
};

struct Socket
{
    int fd = -1;
    bool connected = false;
    bool broken = false;
    uint send_timeout_ms = 0;
    uint receive_timeout_ms = 0;
    bool probed = false;   // SocketIsReadable's speculative first answer given
};

struct GlobalVariable
{
    double value = 0;
    long time = 0;
    bool temporary = false;
};

std::unique_ptr<mql5::Program> g_program;
bool g_running = false;
bool g_stopping = false;
long long g_program_start_us = 0;
int g_timer_ms = 0;
std::deque<Event> g_queue;
bool g_tick_queued = false;
std::string g_failure;
bool g_drop_armed = false;
bool g_crash_armed = false;
int g_handler_depth = 0;   // > 0 while a handler of the program runs
std::string g_chart_symbol;
int g_last_error = 0;
unsigned int g_rand_state = 1;
std::map<std::string, std::string> g_inputs;
std::set<std::string> g_inputs_read;
std::map<int, Socket> g_sockets;
int g_next_socket = 1;
std::set<std::string> g_allowed_hosts = {"127.0.0.1", "localhost"};
// SocketIsReadable on an empty socket: answer 1 speculatively on the first call only (the MQL5 book's
// "as a rule, the first time"), on every call, or never.
enum class ReadableProbe
{
    FIRST,
    ALWAYS,
    NEVER
};
ReadableProbe g_readable_probe = ReadableProbe::FIRST;
std::map<std::string, GlobalVariable> g_globals;
std::vector<std::string> g_log;   // LOG texts, for until-log

constexpr int MAX_SOCKETS = 128;   // /en/docs/network/socketcreate
constexpr uint DEFAULT_READ_TIMEOUT_MS = 120000;

void set_error(const int code)
{
    g_last_error = code;
}

// ------------------------------------------------------------------ program lifecycle
void close_program_sockets()
{
    for (auto& entry : g_sockets)
    {
        if (entry.second.fd >= 0)
        {
            ::close(entry.second.fd);
        }
    }
    g_sockets.clear();
}

// Removes the program: no OnDeinit (a critical error or a kill), sockets closed by the terminal.
void remove_program()
{
    close_program_sockets();
    g_queue.clear();
    g_tick_queued = false;
    g_timer_ms = 0;
    g_running = false;
    g_stopping = false;
    g_program.reset();
}

template <class F>
bool guarded(F&& handler)
{
    if (!g_program)
    {
        return false;
    }
    struct Depth
    {
        Depth()
        {
            g_handler_depth++;
        }
        ~Depth()
        {
            g_handler_depth--;
        }
    };
    try
    {
        const Depth depth;
        handler();
        return true;
    }
    catch (const mql5::CriticalError& e)
    {
        g_failure = std::string("critical error: ") + e.what() + "; the program was removed";
        emit("HARNESS " + g_failure);
    }
    catch (const mql5::ProgramKilled&)
    {
        g_failure = "";
        emit("HARNESS the program was killed after OrderSend (crash-after-ordersend)");
    }
    catch (const std::exception& e)
    {
        g_failure = std::string("unexpected exception: ") + e.what() + "; the program was removed";
        emit("HARNESS " + g_failure);
    }
    remove_program();
    return false;
}

void deinit_program(const int reason)
{
    g_stopping = true;
    guarded([reason] { g_program->OnDeinit(reason); });
    remove_program();
}

void init_program()
{
    if (g_program)
    {
        throw CommandError("a program is already running (deinit or restart it)");
    }
    g_last_error = 0;
    g_rand_state = 1;
    g_timer_ms = 0;
    g_failure.clear();
    g_inputs_read.clear();
    g_program_start_us = g_clock.virtual_us;
    model::reset_program_state();
    try
    {
        g_program.reset(mql5::create_program());
    }
    catch (const std::exception& e)
    {
        g_program.reset();
        throw CommandError(std::string("the program could not be created: ") + e.what());
    }
    for (const auto& input : g_inputs)
    {
        if (g_inputs_read.count(input.first) == 0)
        {
            g_program.reset();
            throw CommandError("unknown input " + input.first + " (the program has no input of that name)");
        }
    }
    int code = mql5::INIT_FAILED;
    if (!guarded([&code] { code = g_program->OnInit(); }))
    {
        return;
    }
    if (code != mql5::INIT_SUCCEEDED)
    {
        // /en/docs/basis/function/events: a non-zero OnInit result unloads the program (OnDeinit, REASON_INITFAILED).
        deinit_program(mql5::REASON_INITFAILED);
        g_failure = "OnInit returned " + std::to_string(code) + "; the program was removed";
        emit("HARNESS " + g_failure);
        return;
    }
    g_running = true;
    deliver_events();
}

void dispatch(Event& event)
{
    switch (event.type)
    {
        case Event::TICK:
            g_tick_queued = false;
            guarded([] { g_program->OnTick(); });
            break;
        case Event::TRANSACTION:
            guarded([&event] { g_program->OnTradeTransaction(event.trans, event.request, event.result); });
            break;
        case Event::TRADE:
            guarded([] { g_program->OnTrade(); });
            break;
    }
}

void timer_cycle()
{
    advance_to(g_clock.virtual_us + static_cast<long long>(g_timer_ms) * 1000);
    deliver_events();
    if (g_running && g_timer_ms > 0)
    {
        guarded([] { g_program->OnTimer(); });
    }
    deliver_events();
}

void require_timer(const std::string& verb)
{
    if (!g_running)
    {
        throw CommandError(verb + ": no program is running");
    }
    if (g_timer_ms <= 0)
    {
        throw CommandError(verb + ": the program has no timer (EventSetMillisecondTimer/EventSetTimer)");
    }
}

// ------------------------------------------------------------------ formatting helpers
std::string vformat(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string vformat(const char* format, ...)
{
    char buffer[512];
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(buffer, sizeof(buffer), format, args);
    va_end(args);
    if (n < 0)
    {
        return "";
    }
    if (static_cast<size_t>(n) < sizeof(buffer))
    {
        return std::string(buffer, static_cast<size_t>(n));
    }
    std::string big(static_cast<size_t>(n) + 1, '\0');
    va_start(args, format);
    std::vsnprintf(&big[0], big.size(), format, args);
    va_end(args);
    big.resize(static_cast<size_t>(n));
    return big;
}

std::string time_text(const long seconds, const int mode)
{
    const time_t t = static_cast<time_t>(seconds);
    tm parts{};
    gmtime_r(&t, &parts);
    std::string text;
    if ((mode & mql5::TIME_DATE) != 0)
    {
        text += vformat("%04d.%02d.%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
    }
    if ((mode & (mql5::TIME_MINUTES | mql5::TIME_SECONDS)) != 0)
    {
        if (!text.empty())
        {
            text += ' ';
        }
        text += (mode & mql5::TIME_SECONDS) != 0 ? vformat("%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
                                                 : vformat("%02d:%02d", parts.tm_hour, parts.tm_min);
    }
    return text;
}

std::string arg_text(const mql5::FormatArg& a)
{
    switch (a.kind)
    {
        case mql5::FormatArg::SIGNED:
            return std::to_string(a.i);
        case mql5::FormatArg::UNSIGNED:
            return std::to_string(a.u);
        case mql5::FormatArg::REAL:
            return mql5::number_text(a.d);
        case mql5::FormatArg::TEXT:
            return a.s;
        case mql5::FormatArg::BOOLEAN:
            return a.i != 0 ? "true" : "false";
        case mql5::FormatArg::TIME:
            return time_text(a.i, mql5::TIME_DATE | mql5::TIME_SECONDS);
    }
    return "";
}

long long arg_signed(const mql5::FormatArg& a)
{
    switch (a.kind)
    {
        case mql5::FormatArg::UNSIGNED:
            return static_cast<long long>(a.u);
        case mql5::FormatArg::REAL:
            return static_cast<long long>(a.d);
        case mql5::FormatArg::TEXT:
            return std::strtoll(a.s.c_str(), nullptr, 10);
        default:
            return a.i;
    }
}

double arg_double(const mql5::FormatArg& a)
{
    switch (a.kind)
    {
        case mql5::FormatArg::REAL:
            return a.d;
        case mql5::FormatArg::UNSIGNED:
            return static_cast<double>(a.u);
        case mql5::FormatArg::TEXT:
            return std::strtod(a.s.c_str(), nullptr);
        default:
            return static_cast<double>(a.i);
    }
}

// ------------------------------------------------------------------ sockets
Socket* socket_of(const int handle)
{
    const auto found = g_sockets.find(handle);
    if (found == g_sockets.end())
    {
        set_error(mql5::ERR_NETSOCKET_INVALIDHANDLE);
        return nullptr;
    }
    return &found->second;
}

void mark_broken(Socket& s)
{
    s.broken = true;
    set_error(mql5::ERR_NETSOCKET_IO_ERROR);
}

// True when the peer has closed (or reset) and nothing is left to read.
bool peer_gone(Socket& s)
{
    pollfd p{s.fd, POLLIN | POLLRDHUP, 0};
    if (::poll(&p, 1, 0) < 0)
    {
        return false;
    }
    if ((p.revents & POLLERR) != 0)
    {
        return true;
    }
    if ((p.revents & (POLLIN | POLLRDHUP | POLLHUP)) != 0)
    {
        char c;
        const ssize_t n = ::recv(s.fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
    }
    return false;
}

// Waits (really) for an fd event up to timeout_ms (-1: forever); the virtual clock moves by the wait.
int wait_for(const int fd, const short events, const long timeout_ms)
{
    pollfd p{fd, events, 0};
    const long long started = real_us();
    int rc;
    do
    {
        long remaining = -1;
        if (timeout_ms >= 0)
        {
            remaining = timeout_ms - static_cast<long>((real_us() - started) / 1000);
            if (remaining < 0)
            {
                remaining = 0;
            }
        }
        rc = ::poll(&p, 1, static_cast<int>(remaining));
    }
    while (rc < 0 && errno == EINTR);
    waited_real(real_us() - started);
    return rc <= 0 ? rc : p.revents;
}

// ------------------------------------------------------------------ fault handlers
void on_fpe(int)
{
    // Integer division by zero in the program: MQL5's critical error "zero divide" (needs -fnon-call-exceptions).
    throw mql5::CriticalError("zero divide", "program", 0);
}
} // namespace

// ================================================================== harness-facing functions

void emit(const std::string& line)
{
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string num(const double value)
{
    if (!std::isfinite(value))
    {
        return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
    }
    if (value == 0)
    {
        return "0";   // no "-0"
    }
    if (std::fabs(value) < 1e15 && std::fabs(value) >= 1e-6)
    {
        for (int decimals = 0; decimals <= 12; decimals++)
        {
            const std::string text = vformat("%.*f", decimals, value);
            if (std::strtod(text.c_str(), nullptr) == value)
            {
                return text;
            }
        }
    }
    for (int precision = 1; precision <= 17; precision++)
    {
        const std::string text = vformat("%.*g", precision, value);
        if (std::strtod(text.c_str(), nullptr) == value)
        {
            return text;
        }
    }
    return vformat("%.17g", value);
}

std::string quoted(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

long long now_us()
{
    return g_clock.virtual_us;
}

long long real_us()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000LL + ts.tv_nsec / 1000;
}

void advance_to(const long long target_us)
{
    if (target_us <= g_clock.virtual_us)
    {
        return;
    }
    if (g_clock.paced)
    {
        // Never ahead of the wall clock: the gateway on the other side of the socket lives on it.
        const long long wall_target = g_clock.real_origin_us + (target_us - g_clock.virtual_origin_us);
        const long long now = real_us();
        if (wall_target > now)
        {
            const long long wait = wall_target - now;
            timespec ts{static_cast<time_t>(wait / 1000000), static_cast<long>((wait % 1000000) * 1000)};
            while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
            {
            }
        }
    }
    g_clock.virtual_us = target_us;
}

void waited_real(const long long real)
{
    if (real > 0)
    {
        g_clock.virtual_us += real;
    }
}

int server_offset_seconds()
{
    return g_clock.server_offset;
}

int local_offset_seconds()
{
    return g_clock.local_offset;
}

long long server_now_ms()
{
    return g_clock.virtual_us / 1000 + static_cast<long long>(g_clock.server_offset) * 1000;
}

bool program_running()
{
    return g_running && g_program != nullptr;
}

void queue_transaction(const mql5::MqlTradeTransaction& trans, const mql5::MqlTradeRequest& request, const mql5::MqlTradeResult& result)
{
    if (!program_running())
    {
        return;   // no program: the event is lost, as for an EA that is not loaded
    }
    Event event;
    event.type = Event::TRANSACTION;
    event.trans = trans;
    event.request = request;
    event.result = result;
    g_queue.push_back(event);
}

void queue_trade_event()
{
    if (program_running())
    {
        Event event;
        event.type = Event::TRADE;
        g_queue.push_back(event);
    }
}

void queue_tick(const std::string& symbol)
{
    // /en/docs/event_handlers/ontick: only the chart symbol's ticks; none queued while one waits.
    if (program_running() && symbol == g_chart_symbol && !g_tick_queued)
    {
        Event event;
        event.type = Event::TICK;
        g_queue.push_back(event);
        g_tick_queued = true;
    }
}

void deliver_events()
{
    while (program_running() && !g_queue.empty())
    {
        Event event = g_queue.front();
        g_queue.pop_front();
        dispatch(event);
    }
}

void after_order_send()
{
    if (g_drop_armed)
    {
        g_drop_armed = false;
        for (auto& entry : g_sockets)
        {
            if (entry.second.fd >= 0)
            {
                ::shutdown(entry.second.fd, SHUT_RDWR);
            }
        }
        emit("HARNESS the program's sockets were cut after OrderSend (drop-after-ordersend)");
    }
    if (g_crash_armed && g_handler_depth > 0)
    {
        g_crash_armed = false;
        throw mql5::ProgramKilled();
    }
}

void arm_drop_after_order_send()
{
    g_drop_armed = true;
}

void arm_crash_after_order_send()
{
    g_crash_armed = true;
}

const std::string& chart_symbol()
{
    if (g_chart_symbol.empty())
    {
        g_chart_symbol = model::first_symbol();
    }
    return g_chart_symbol;
}

void set_input_override(const std::string& name, const std::string& value)
{
    g_inputs[name] = value;
}

void set_paced(const bool paced)
{
    g_clock.paced = paced;
}

void set_chart_symbol(const std::string& symbol)
{
    g_chart_symbol = symbol;
}

void allow_host(const std::string& host)
{
    g_allowed_hosts.insert(host);
}

std::string take_program_failure()
{
    std::string failure;
    failure.swap(g_failure);
    return failure;
}

void install_fault_handlers()
{
    struct sigaction action{};
    action.sa_handler = on_fpe;
    action.sa_flags = SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGFPE, &action, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

Args parse_args(const Words& words, const size_t from)
{
    Args args;
    for (size_t i = from; i < words.size(); i++)
    {
        const size_t eq = words[i].find('=');
        if (eq == std::string::npos || eq == 0)
        {
            args.positional.push_back(words[i]);
        }
        else
        {
            args.named[words[i].substr(0, eq)] = words[i].substr(eq + 1);
        }
    }
    return args;
}

double to_double(const std::string& text, const std::string& what)
{
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end == nullptr || *end != '\0' || !std::isfinite(v))
    {
        throw CommandError(what + ": not a number: " + text);
    }
    return v;
}

long to_long(const std::string& text, const std::string& what)
{
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || end == nullptr || *end != '\0')
    {
        throw CommandError(what + ": not an integer: " + text);
    }
    return v;
}

// ------------------------------------------------------------------ runtime commands
bool runtime_command(const std::string& verb, const Words& words)
{
    const Args args = parse_args(words, 1);
    if (verb == "init")
    {
        init_program();
        return true;
    }
    if (verb == "deinit" || verb == "restart")
    {
        if (!g_program)
        {
            throw CommandError(verb + ": no program is running");
        }
        const auto reason = args.named.find("reason");
        const int code = reason != args.named.end() ? static_cast<int>(to_long(reason->second, "reason"))
                                                    : (verb == "deinit" ? mql5::REASON_REMOVE : mql5::REASON_CLOSE);
        deinit_program(code);
        if (verb == "restart")
        {
            init_program();
        }
        return true;
    }
    if (verb == "timer")
    {
        require_timer("timer");
        const long n = args.positional.empty() ? 1 : to_long(args.positional[0], "timer");
        for (long i = 0; i < n && program_running(); i++)
        {
            timer_cycle();
        }
        return true;
    }
    if (verb == "run")
    {
        if (args.positional.empty())
        {
            throw CommandError("run MS");
        }
        const long long end = g_clock.virtual_us + to_long(args.positional[0], "run") * 1000LL;
        while (program_running() && g_timer_ms > 0 && g_clock.virtual_us + g_timer_ms * 1000LL <= end)
        {
            timer_cycle();
        }
        advance_to(end);
        deliver_events();
        return true;
    }
    if (verb == "until-log")
    {
        if (words.size() < 3)
        {
            throw CommandError("until-log REGEX MS");
        }
        std::string pattern;
        for (size_t i = 1; i + 1 < words.size(); i++)
        {
            pattern += (i > 1 ? " " : "") + words[i];
        }
        const long ms = to_long(words.back(), "until-log");
        std::regex regex;
        try
        {
            regex = std::regex(pattern, std::regex::ECMAScript);
        }
        catch (const std::regex_error& e)
        {
            throw CommandError("until-log: bad regex: " + pattern);
        }
        require_timer("until-log");
        const long long end = g_clock.virtual_us + ms * 1000LL;
        size_t seen = g_log.size();
        while (program_running() && g_clock.virtual_us < end)
        {
            timer_cycle();
            for (; seen < g_log.size(); seen++)
            {
                if (std::regex_search(g_log[seen], regex))
                {
                    return true;
                }
            }
        }
        if (!g_failure.empty())
        {
            return true;   // the program died: the failure is the answer
        }
        throw CommandError("until-log: no LOG line matched /" + pattern + "/ within " + std::to_string(ms) + " ms");
    }
    if (verb == "input")
    {
        for (const auto& kv : args.named)
        {
            set_input_override(kv.first, kv.second);
        }
        return true;
    }
    if (verb == "pace")
    {
        if (args.positional.size() != 1 || (args.positional[0] != "on" && args.positional[0] != "off"))
        {
            throw CommandError("pace on|off");
        }
        g_clock.paced = args.positional[0] == "on";
        if (g_clock.paced)
        {
            // Paced again: measure from here so the clock does not wait to repay time it ran ahead.
            g_clock.virtual_origin_us = g_clock.virtual_us;
            g_clock.real_origin_us = real_us();
        }
        return true;
    }
    if (verb == "clock")
    {
        for (const auto& kv : args.named)
        {
            if (kv.first == "server-offset")
            {
                g_clock.server_offset = static_cast<int>(to_long(kv.second, kv.first));
            }
            else if (kv.first == "local-offset")
            {
                g_clock.local_offset = static_cast<int>(to_long(kv.second, kv.first));
            }
            else
            {
                throw CommandError("clock: unknown setting " + kv.first);
            }
        }
        emit("CLOCK gmt=" + std::to_string(g_clock.virtual_us / 1000) + " server-offset=" + std::to_string(g_clock.server_offset) +
             " local-offset=" + std::to_string(g_clock.local_offset) + " paced=" + (g_clock.paced ? "1" : "0"));
        return true;
    }
    if (verb == "readable-probe")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("readable-probe first|always|never");
        }
        const std::string& mode = args.positional[0];
        if (mode == "first")
        {
            g_readable_probe = ReadableProbe::FIRST;
        }
        else if (mode == "always")
        {
            g_readable_probe = ReadableProbe::ALWAYS;
        }
        else if (mode == "never")
        {
            g_readable_probe = ReadableProbe::NEVER;
        }
        else
        {
            throw CommandError("readable-probe first|always|never");
        }
        return true;
    }
    if (verb == "allow")
    {
        for (const auto& host : args.positional)
        {
            allow_host(host);
        }
        return true;
    }
    if (verb == "chart")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("chart SYMBOL");
        }
        set_chart_symbol(args.positional[0]);
        return true;
    }
    if (verb == "globals")
    {
        for (const auto& entry : g_globals)
        {
            emit("GLOBAL " + entry.first + "=" + num(entry.second.value));
        }
        return true;
    }
    if (verb == "global-set")
    {
        if (args.positional.size() != 2)
        {
            throw CommandError("global-set NAME VALUE");
        }
        GlobalVariable& gv = g_globals[args.positional[0]];
        gv.value = to_double(args.positional[1], "global-set");
        gv.time = static_cast<long>(g_clock.virtual_us / 1000000) + g_clock.local_offset;
        return true;
    }
    if (verb == "global-del")
    {
        if (args.positional.size() != 1)
        {
            throw CommandError("global-del NAME");
        }
        g_globals.erase(args.positional[0]);
        return true;
    }
    return false;
}
} // namespace harness

// ================================================================== the MQL5 functions
namespace mql5
{
using harness::g_clock;

CriticalError::CriticalError(const std::string& what, const char* file, const int line)
    : std::runtime_error(line > 0 ? what + " in '" + file + "' (" + std::to_string(line) + ")" : what)
{
}

void array_out_of_range(const Index& index, const long size)
{
    throw CriticalError("array out of range (index " + std::to_string(index.value) + ", size " + std::to_string(size) + ")",
                        index.file, index.line);
}

std::string number_text(const long value)
{
    return std::to_string(value);
}

std::string number_text(const unsigned long value)
{
    return std::to_string(value);
}

std::string number_text(const double value)
{
    if (std::isnan(value))
    {
        return "nan";
    }
    if (std::isinf(value))
    {
        return value > 0 ? "inf" : "-inf";
    }
    return harness::vformat("%.16g", value);
}

// ------------------------------------------------------------------ inputs
string input_text(const char* name, bool& overridden)
{
    harness::g_inputs_read.insert(name);
    const auto found = harness::g_inputs.find(name);
    overridden = found != harness::g_inputs.end();
    return overridden ? string(found->second) : string();
}

long input_integer(const string& text, const char* name)
{
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (text.str().empty() || *end != '\0')
    {
        throw std::invalid_argument(std::string("input ") + name + ": not an integer: " + text.str());
    }
    return v;
}

double input_double(const string& text, const char* name)
{
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.str().empty() || *end != '\0')
    {
        throw std::invalid_argument(std::string("input ") + name + ": not a number: " + text.str());
    }
    return v;
}

bool input_bool(const string& text, const char* name)
{
    if (text.str() == "true" || text.str() == "1")
    {
        return true;
    }
    if (text.str() == "false" || text.str() == "0")
    {
        return false;
    }
    throw std::invalid_argument(std::string("input ") + name + ": not a bool: " + text.str());
}

// ------------------------------------------------------------------ checkup
int GetLastError()
{
    return harness::g_last_error;
}

void ResetLastError()
{
    harness::g_last_error = 0;
}

void SetUserError(const ushort code)
{
    harness::g_last_error = ERR_USER_ERROR_FIRST + code;
}

void set_last_error(const int code)
{
    harness::g_last_error = code;
}

bool IsStopped()
{
    return harness::g_stopping;
}

string Symbol()
{
    return string(harness::chart_symbol());
}

// ------------------------------------------------------------------ Print / format
std::string print_text(const FormatArg* args, const int count)
{
    std::string text;
    for (int i = 0; i < count; i++)
    {
        text += harness::arg_text(args[i]);
    }
    return text;
}

void print_line(const std::string& text)
{
    size_t start = 0;
    while (true)
    {
        const size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        harness::g_log.push_back(line);
        harness::emit("LOG " + line);
        if (end == std::string::npos)
        {
            return;
        }
        start = end + 1;
    }
}

// /en/docs/common/printformat: %[flags][width][.precision][{h | l | ll | I32 | I64}]type
std::string format_text(const std::string& format, const FormatArg* args, const int count)
{
    std::string out;
    int next = 0;
    size_t i = 0;
    while (i < format.size())
    {
        const char c = format[i];
        if (c != '%')
        {
            out += c;
            i++;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '%')
        {
            out += '%';
            i += 2;
            continue;
        }
        const size_t spec_start = i;
        i++;
        std::string spec = "%";
        while (i < format.size() && std::strchr("-+ 0#", format[i]) != nullptr)
        {
            spec += format[i++];
        }
        if (i < format.size() && format[i] == '*')
        {
            spec += std::to_string(next < count ? harness::arg_signed(args[next++]) : 0);
            i++;
        }
        while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
        {
            spec += format[i++];
        }
        if (i < format.size() && format[i] == '.')
        {
            spec += format[i++];
            if (i < format.size() && format[i] == '*')
            {
                spec += std::to_string(next < count ? harness::arg_signed(args[next++]) : 0);
                i++;
            }
            while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
            {
                spec += format[i++];
            }
        }
        if (format.compare(i, 3, "I64") == 0 || format.compare(i, 3, "I32") == 0)
        {
            i += 3;
        }
        else
        {
            while (i < format.size() && (format[i] == 'h' || format[i] == 'l'))
            {
                i++;
            }
        }
        if (i >= format.size())
        {
            set_last_error(ERR_WRONG_FORMATSTRING);
            out += format.substr(spec_start);
            break;
        }
        const char type = format[i++];
        if (next >= count)
        {
            set_last_error(ERR_TOO_MANY_FORMATTERS);
            continue;
        }
        const FormatArg& a = args[next++];
        switch (type)
        {
            case 'd':
            case 'i':
                out += harness::vformat((spec + "lld").c_str(), harness::arg_signed(a));
                break;
            case 'o':
            case 'u':
            case 'x':
            case 'X':
                out += harness::vformat((spec + "ll" + type).c_str(), static_cast<unsigned long long>(harness::arg_signed(a)));
                break;
            case 'c':
            case 'C':
                out += harness::vformat((spec + "c").c_str(), static_cast<int>(harness::arg_signed(a)));
                break;
            case 'e':
            case 'E':
            case 'f':
            case 'g':
            case 'G':
            case 'a':
            case 'A':
                out += harness::vformat((spec + type).c_str(), harness::arg_double(a));
                break;
            case 's':
            case 'S':
                out += harness::vformat((spec + "s").c_str(), harness::arg_text(a).c_str());
                break;
            default:
                set_last_error(ERR_WRONG_FORMATSTRING);
                out += format.substr(spec_start, i - spec_start);
                break;
        }
    }
    if (next < count)
    {
        set_last_error(ERR_TOO_MANY_PARAMETERS);
    }
    return out;
}

// ------------------------------------------------------------------ time
void Sleep(const int milliseconds)
{
    if (milliseconds <= 0)
    {
        return;
    }
    harness::advance_to(g_clock.virtual_us + static_cast<long long>(milliseconds) * 1000);
}

ulong GetTickCount64()
{
    return static_cast<ulong>((g_clock.virtual_us - g_clock.boot_us) / 1000 + g_clock.tick_count_base_ms);
}

uint GetTickCount()
{
    return static_cast<uint>(GetTickCount64());
}

ulong GetMicrosecondCount()
{
    // /en/docs/common/getmicrosecondcount: since the start of the program.
    return static_cast<ulong>(g_clock.virtual_us - harness::g_program_start_us);
}

datetime TimeGMT()
{
    return datetime(static_cast<long>(g_clock.virtual_us / 1000000));
}

datetime TimeLocal()
{
    return datetime(static_cast<long>(TimeGMT()) + g_clock.local_offset);
}

datetime TimeTradeServer()
{
    return datetime(static_cast<long>(TimeGMT()) + g_clock.server_offset);
}

datetime TimeCurrent()
{
    return datetime(harness::model::time_current_seconds());
}

datetime TimeCurrent(MqlDateTime& dt_struct)
{
    const datetime t = TimeCurrent();
    TimeToStruct(t, dt_struct);
    return t;
}

datetime TimeTradeServer(MqlDateTime& dt_struct)
{
    const datetime t = TimeTradeServer();
    TimeToStruct(t, dt_struct);
    return t;
}

datetime TimeLocal(MqlDateTime& dt_struct)
{
    const datetime t = TimeLocal();
    TimeToStruct(t, dt_struct);
    return t;
}

datetime TimeGMT(MqlDateTime& dt_struct)
{
    const datetime t = TimeGMT();
    TimeToStruct(t, dt_struct);
    return t;
}

int TimeGMTOffset()
{
    return -g_clock.local_offset;
}

int TimeDaylightSavings()
{
    return 0;
}

bool TimeToStruct(const datetime value, MqlDateTime& dt_struct)
{
    const time_t t = static_cast<time_t>(static_cast<long>(value));
    tm parts{};
    if (gmtime_r(&t, &parts) == nullptr)
    {
        return false;
    }
    dt_struct.year = parts.tm_year + 1900;
    dt_struct.mon = parts.tm_mon + 1;
    dt_struct.day = parts.tm_mday;
    dt_struct.hour = parts.tm_hour;
    dt_struct.min = parts.tm_min;
    dt_struct.sec = parts.tm_sec;
    dt_struct.day_of_week = parts.tm_wday;
    dt_struct.day_of_year = parts.tm_yday;
    return true;
}

datetime StructToTime(MqlDateTime& dt_struct)
{
    tm parts{};
    parts.tm_year = dt_struct.year - 1900;
    parts.tm_mon = dt_struct.mon - 1;
    parts.tm_mday = dt_struct.day;
    parts.tm_hour = dt_struct.hour;
    parts.tm_min = dt_struct.min;
    parts.tm_sec = dt_struct.sec;
    return datetime(static_cast<long>(timegm(&parts)));
}

string TimeToString(const datetime value, const int mode)
{
    return string(harness::time_text(static_cast<long>(value), mode));
}

datetime StringToTime(const string& value)
{
    int year = 1970;
    int mon = 1;
    int day = 1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    std::sscanf(value.c_str(), "%d.%d.%d %d:%d:%d", &year, &mon, &day, &hour, &min, &sec);
    MqlDateTime parts{year, mon, day, hour, min, sec, 0, 0};
    return StructToTime(parts);
}

// ------------------------------------------------------------------ events
bool EventSetMillisecondTimer(const int milliseconds)
{
    if (milliseconds <= 0)
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return false;
    }
    harness::g_timer_ms = milliseconds;
    return true;
}

bool EventSetTimer(const int seconds)
{
    return EventSetMillisecondTimer(seconds * 1000);
}

void EventKillTimer()
{
    harness::g_timer_ms = 0;
}

// ------------------------------------------------------------------ conversions
string DoubleToString(const double value, const int digits)
{
    if (digits < 0)
    {
        return string(harness::vformat("%.*e", digits < -16 ? 16 : -digits, value));
    }
    return string(harness::vformat("%.*f", digits > 16 ? 16 : digits, value));
}

string IntegerToString(const long number, const int str_len, const ushort fill_symbol)
{
    std::string text = std::to_string(number);
    if (str_len > 0 && static_cast<int>(text.size()) < str_len)
    {
        text.insert(0, static_cast<size_t>(str_len) - text.size(), static_cast<char>(fill_symbol));
    }
    return string(text);
}

long StringToInteger(const string& value)
{
    return std::strtol(value.c_str(), nullptr, 10);
}

double StringToDouble(const string& value)
{
    return std::strtod(value.c_str(), nullptr);
}

double NormalizeDouble(const double value, const int digits)
{
    const int d = digits < 0 ? 0 : (digits > 8 ? 8 : digits);
    const double scale = std::pow(10.0, d);
    return std::round(value * scale) / scale;
}

string CharToString(const uchar char_code)
{
    return string(std::string(1, static_cast<char>(char_code)));
}

string ShortToString(const ushort symbol_code)
{
    std::string text;
    if (symbol_code < 0x80)
    {
        text += static_cast<char>(symbol_code);
    }
    else if (symbol_code < 0x800)
    {
        text += static_cast<char>(0xC0 | (symbol_code >> 6));
        text += static_cast<char>(0x80 | (symbol_code & 0x3F));
    }
    else
    {
        text += static_cast<char>(0xE0 | (symbol_code >> 12));
        text += static_cast<char>(0x80 | ((symbol_code >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (symbol_code & 0x3F));
    }
    return string(text);
}

// CP_ACP: ASCII as is, Latin-1 code points as one byte, anything else '?' (a Windows ANSI code page
// is not modelled). CP_UTF8: the bytes as they are.
int string_to_chars(const string& text, const ArrayRef<uchar>& array, const int start, const int count, const uint codepage)
{
    std::string bytes;
    if (codepage == CP_UTF8)
    {
        bytes = text.str();
    }
    else
    {
        const std::string& s = text.str();
        for (size_t i = 0; i < s.size();)
        {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c < 0x80)
            {
                bytes += static_cast<char>(c);
                i++;
            }
            else if ((c & 0xE0) == 0xC0 && i + 1 < s.size())
            {
                const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
                bytes += cp < 0x100 ? static_cast<char>(cp) : '?';
                i += 2;
            }
            else
            {
                bytes += '?';
                i++;
                while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
                {
                    i++;
                }
            }
        }
    }
    bytes += '\0';   // the terminating zero is copied too
    if (start < 0)
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return 0;
    }
    int n = static_cast<int>(bytes.size());
    if (count >= 0 && count < n)
    {
        n = count;
    }
    if (start + n > array.size())
    {
        if (array.dynamic())
        {
            array.resize(start + n, 0);
        }
        else
        {
            n = array.size() - start;
        }
    }
    if (n <= 0)
    {
        return 0;
    }
    std::memcpy(array.data() + start, bytes.data(), static_cast<size_t>(n));
    return n;
}

string chars_to_string(const ArrayRef<const uchar>& array, const int start, const int count, const uint codepage)
{
    std::string text;
    const int end = count < 0 ? array.size() : (start + count < array.size() ? start + count : array.size());
    for (int i = start < 0 ? 0 : start; i < end; i++)
    {
        const uchar b = array.data()[i];
        if (b == 0)
        {
            break;
        }
        if (b < 0x80 || codepage == CP_UTF8)
        {
            text += static_cast<char>(b);
        }
        else
        {
            text += static_cast<char>(0xC0 | (b >> 6));
            text += static_cast<char>(0x80 | (b & 0x3F));
        }
    }
    return string(text);
}

// ------------------------------------------------------------------ strings
int StringLen(const string& text)
{
    return static_cast<int>(text.str().size());
}

int StringFind(const string& text, const string& match, const int start_pos)
{
    if (start_pos < 0 || start_pos > StringLen(text))
    {
        return -1;
    }
    const size_t at = text.str().find(match.str(), static_cast<size_t>(start_pos));
    return at == std::string::npos ? -1 : static_cast<int>(at);
}

string StringSubstr(const string& text, const int start_pos, const int length)
{
    if (start_pos < 0 || start_pos >= StringLen(text))
    {
        return string();
    }
    return string(text.str().substr(static_cast<size_t>(start_pos), length < 0 ? std::string::npos : static_cast<size_t>(length)));
}

bool StringToUpper(string& text)
{
    for (char& c : text.str())
    {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return true;
}

bool StringToLower(string& text)
{
    for (char& c : text.str())
    {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return true;
}

int StringReplace(string& text, const string& find, const string& replacement)
{
    if (find.str().empty())
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return -1;
    }
    int n = 0;
    size_t at = 0;
    std::string& s = text.str();
    while ((at = s.find(find.str(), at)) != std::string::npos)
    {
        s.replace(at, find.str().size(), replacement.str());
        at += replacement.str().size();
        n++;
    }
    return n;
}

int StringTrimLeft(string& text)
{
    std::string& s = text.str();
    size_t n = 0;
    while (n < s.size() && std::isspace(static_cast<unsigned char>(s[n])))
    {
        n++;
    }
    s.erase(0, n);
    return static_cast<int>(n);
}

int StringTrimRight(string& text)
{
    std::string& s = text.str();
    size_t n = 0;
    while (n < s.size() && std::isspace(static_cast<unsigned char>(s[s.size() - 1 - n])))
    {
        n++;
    }
    s.erase(s.size() - n);
    return static_cast<int>(n);
}

bool StringAdd(string& text, const string& add)
{
    text += add;
    return true;
}

int StringCompare(const string& a, const string& b, const bool case_sensitive)
{
    std::string x = a.str();
    std::string y = b.str();
    if (!case_sensitive)
    {
        for (char& c : x)
        {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        for (char& c : y)
        {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    const int r = x.compare(y);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

ushort StringGetCharacter(const string& text, const int pos)
{
    if (pos < 0 || pos >= StringLen(text))
    {
        set_last_error(ERR_STRINGPOS_OUTOFRANGE);
        return 0;
    }
    return static_cast<unsigned char>(text.str()[static_cast<size_t>(pos)]);
}

bool StringSetCharacter(string& text, const int pos, const ushort character)
{
    if (pos < 0 || pos > StringLen(text))
    {
        set_last_error(ERR_STRINGPOS_OUTOFRANGE);
        return false;
    }
    if (pos == StringLen(text))
    {
        text.str() += static_cast<char>(character);
    }
    else
    {
        text.str()[static_cast<size_t>(pos)] = static_cast<char>(character);
    }
    return true;
}

int string_split(const string& text, const ushort separator, const ArrayRef<string>& result)
{
    std::vector<std::string> parts;
    if (!text.str().empty())
    {
        size_t start = 0;
        while (true)
        {
            const size_t at = text.str().find(static_cast<char>(separator), start);
            parts.push_back(text.str().substr(start, at == std::string::npos ? std::string::npos : at - start));
            if (at == std::string::npos)
            {
                break;
            }
            start = at + 1;
        }
    }
    const int n = static_cast<int>(parts.size());
    if (!result.dynamic() && n > result.size())
    {
        set_last_error(ERR_SMALL_ARRAY);
        return -1;
    }
    if (result.dynamic())
    {
        result.resize(n, 0);
    }
    for (int i = 0; i < n; i++)
    {
        result.data()[i] = string(parts[static_cast<size_t>(i)]);
    }
    return n;
}

// ------------------------------------------------------------------ math
int MathRand()
{
    harness::g_rand_state = harness::g_rand_state * 214013u + 2531011u;
    return static_cast<int>((harness::g_rand_state >> 16) & 0x7FFF);
}

void MathSrand(const int seed)
{
    harness::g_rand_state = static_cast<unsigned int>(seed);
}

// ------------------------------------------------------------------ global variables of the terminal
namespace
{
bool valid_global_name(const string& name)
{
    // /en/docs/globals/globalvariableset: up to 63 characters.
    if (name.str().empty() || name.str().size() > 63)
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return false;
    }
    return true;
}

long global_now()
{
    return static_cast<long>(TimeLocal());
}
} // namespace

bool GlobalVariableCheck(const string& name)
{
    return harness::g_globals.count(name.str()) != 0;
}

datetime GlobalVariableTime(const string& name)
{
    const auto found = harness::g_globals.find(name.str());
    if (found == harness::g_globals.end())
    {
        set_last_error(ERR_GLOBALVARIABLE_NOT_FOUND);
        return datetime(0);
    }
    return datetime(found->second.time);
}

bool GlobalVariableDel(const string& name)
{
    if (harness::g_globals.erase(name.str()) == 0)
    {
        set_last_error(ERR_GLOBALVARIABLE_NOT_FOUND);
        return false;
    }
    return true;
}

double GlobalVariableGet(const string& name)
{
    double value = 0;
    GlobalVariableGet(name, value);
    return value;
}

bool GlobalVariableGet(const string& name, double& value)
{
    const auto found = harness::g_globals.find(name.str());
    if (found == harness::g_globals.end())
    {
        set_last_error(ERR_GLOBALVARIABLE_NOT_FOUND);
        return false;
    }
    found->second.time = global_now();
    value = found->second.value;
    return true;
}

string GlobalVariableName(const int index)
{
    if (index < 0 || index >= static_cast<int>(harness::g_globals.size()))
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return string();
    }
    auto it = harness::g_globals.begin();
    std::advance(it, index);
    return string(it->first);
}

datetime GlobalVariableSet(const string& name, const double value)
{
    if (!valid_global_name(name))
    {
        return datetime(0);
    }
    harness::GlobalVariable& gv = harness::g_globals[name.str()];
    gv.value = value;
    gv.time = global_now();
    return datetime(gv.time);
}

void GlobalVariablesFlush()
{
    // Kept in the harness process for its whole life (across program restarts): nothing to write.
}

bool GlobalVariableTemp(const string& name)
{
    if (!valid_global_name(name))
    {
        return false;
    }
    if (harness::g_globals.count(name.str()) == 0)
    {
        harness::GlobalVariable& gv = harness::g_globals[name.str()];
        gv.temporary = true;
        gv.time = global_now();
    }
    return true;
}

bool GlobalVariableSetOnCondition(const string& name, const double value, const double check_value)
{
    const auto found = harness::g_globals.find(name.str());
    if (found == harness::g_globals.end())
    {
        set_last_error(ERR_GLOBALVARIABLE_NOT_FOUND);
        return false;
    }
    if (found->second.value != check_value)
    {
        set_last_error(ERR_GLOBALVARIABLE_NOT_MODIFIED);
        return false;
    }
    found->second.value = value;
    found->second.time = global_now();
    return true;
}

int GlobalVariablesDeleteAll(const string& prefix_name, const datetime limit_data)
{
    int n = 0;
    for (auto it = harness::g_globals.begin(); it != harness::g_globals.end();)
    {
        const bool prefix = it->first.compare(0, prefix_name.str().size(), prefix_name.str()) == 0;
        const bool old = static_cast<long>(limit_data) == 0 || it->second.time < static_cast<long>(limit_data);
        if (prefix && old)
        {
            it = harness::g_globals.erase(it);
            n++;
        }
        else
        {
            ++it;
        }
    }
    return n;
}

int GlobalVariablesTotal()
{
    return static_cast<int>(harness::g_globals.size());
}

// ------------------------------------------------------------------ network
int SocketCreate(const uint)
{
    if (harness::g_sockets.size() >= static_cast<size_t>(harness::MAX_SOCKETS))
    {
        set_last_error(ERR_NETSOCKET_TOO_MANY_OPENED);
        return INVALID_HANDLE;
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
    {
        set_last_error(ERR_NETSOCKET_IO_ERROR);
        return INVALID_HANDLE;
    }
    const int handle = harness::g_next_socket++;
    harness::g_sockets[handle].fd = fd;
    return handle;
}

bool SocketClose(const int socket)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return false;
    }
    ::close(s->fd);
    harness::g_sockets.erase(socket);
    return true;
}

bool SocketConnect(const int socket, const string& server, const uint port, const uint timeout_receive_ms)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return false;
    }
    // /en/docs/network: the host must be on the terminal's allow-list (Tools > Options > Expert Advisors).
    if (harness::g_allowed_hosts.count(server.str()) == 0)
    {
        set_last_error(ERR_FUNCTION_NOT_ALLOWED);
        return false;
    }
    if (s->connected || s->broken)
    {
        set_last_error(ERR_NETSOCKET_CANNOT_CONNECT);
        return false;
    }
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(server.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || found == nullptr)
    {
        set_last_error(ERR_NETSOCKET_CANNOT_CONNECT);
        return false;
    }
    int rc = ::connect(s->fd, found->ai_addr, found->ai_addrlen);
    ::freeaddrinfo(found);
    if (rc < 0 && errno == EINPROGRESS)
    {
        const int events = harness::wait_for(s->fd, POLLOUT, static_cast<long>(timeout_receive_ms));
        int error = 0;
        socklen_t length = sizeof(error);
        if (events <= 0 || ::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0 || error != 0)
        {
            s->broken = true;
            set_last_error(ERR_NETSOCKET_CANNOT_CONNECT);
            return false;
        }
        rc = 0;
    }
    if (rc < 0)
    {
        s->broken = true;
        set_last_error(ERR_NETSOCKET_CANNOT_CONNECT);
        return false;
    }
    s->connected = true;
    return true;
}

bool SocketIsConnected(const int socket)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return false;
    }
    if (!s->connected || s->broken)
    {
        return false;
    }
    if (harness::peer_gone(*s))
    {
        s->broken = true;
        return false;
    }
    return true;
}

// /en/docs/network/socketisreadable and the MQL5 book (network_socket_state): with an empty buffer the
// first call on a socket answers 1 speculatively; the read that follows finds nothing and times out.
uint SocketIsReadable(const int socket)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return 0;
    }
    if (!s->connected || s->broken)
    {
        set_last_error(ERR_NETSOCKET_IO_ERROR);
        return 0;
    }
    int available = 0;
    if (::ioctl(s->fd, FIONREAD, &available) < 0)
    {
        harness::mark_broken(*s);
        return 0;
    }
    if (available > 0)
    {
        s->probed = true;
        return static_cast<uint>(available);
    }
    if (harness::peer_gone(*s))
    {
        harness::mark_broken(*s);
        return 0;
    }
    if (harness::g_readable_probe == harness::ReadableProbe::ALWAYS || (harness::g_readable_probe == harness::ReadableProbe::FIRST && !s->probed))
    {
        s->probed = true;
        return 1;
    }
    return 0;
}

bool SocketIsWritable(const int socket)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return false;
    }
    if (!s->connected || s->broken)
    {
        set_last_error(ERR_NETSOCKET_IO_ERROR);
        return false;
    }
    pollfd p{s->fd, POLLOUT, 0};
    if (::poll(&p, 1, 0) < 0 || (p.revents & (POLLERR | POLLHUP)) != 0)
    {
        harness::mark_broken(*s);
        return false;
    }
    return (p.revents & POLLOUT) != 0;
}

bool SocketTimeouts(const int socket, const uint timeout_send_ms, const uint timeout_receive_ms)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return false;
    }
    s->send_timeout_ms = timeout_send_ms;
    s->receive_timeout_ms = timeout_receive_ms;
    return true;
}

int socket_read(const int socket, const ArrayRef<uchar>& buffer, const uint buffer_maxlen, const uint timeout_ms)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return -1;
    }
    if (!s->connected || s->broken)
    {
        set_last_error(ERR_NETSOCKET_IO_ERROR);
        return -1;
    }
    if (buffer_maxlen == 0 || buffer_maxlen > static_cast<uint>(INT_MAX))
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return -1;
    }
    // A read timeout of 0 means the default of 120 s (the MQL5 book); SocketTimeouts' receive timeout first.
    const uint timeout = timeout_ms != 0 ? timeout_ms : (s->receive_timeout_ms != 0 ? s->receive_timeout_ms : harness::DEFAULT_READ_TIMEOUT_MS);
    size_t room = buffer_maxlen;
    if (!buffer.dynamic())
    {
        room = buffer.size() < static_cast<int>(room) ? static_cast<size_t>(buffer.size()) : room;
        if (room == 0)
        {
            set_last_error(ERR_SMALL_ARRAY);
            return -1;
        }
    }
    std::vector<uchar> chunk(room);
    const long long started = harness::real_us();
    while (true)
    {
        const ssize_t n = ::recv(s->fd, chunk.data(), room, MSG_DONTWAIT);
        if (n > 0)
        {
            s->probed = true;
            if (buffer.dynamic() && buffer.size() < static_cast<int>(n))
            {
                buffer.resize(static_cast<int>(n), 0);
            }
            std::memcpy(buffer.data(), chunk.data(), static_cast<size_t>(n));
            return static_cast<int>(n);
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        {
            harness::mark_broken(*s);
            return -1;
        }
        const long waited = static_cast<long>((harness::real_us() - started) / 1000);
        if (waited >= static_cast<long>(timeout))
        {
            return -1;   // nothing within the timeout
        }
        const int events = harness::wait_for(s->fd, POLLIN, static_cast<long>(timeout) - waited);
        if (events == 0)
        {
            return -1;
        }
    }
}

int socket_send(const int socket, const ArrayRef<const uchar>& buffer, const uint buffer_len)
{
    harness::Socket* s = harness::socket_of(socket);
    if (s == nullptr)
    {
        return -1;
    }
    if (!s->connected || s->broken)
    {
        set_last_error(ERR_NETSOCKET_IO_ERROR);
        return -1;
    }
    const size_t length = buffer_len < static_cast<uint>(buffer.size()) ? buffer_len : static_cast<size_t>(buffer.size());
    size_t sent = 0;
    const long long started = harness::real_us();
    while (sent < length)
    {
        const ssize_t n = ::send(s->fd, buffer.data() + sent, length - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
        {
            sent += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        {
            // A full send buffer blocks, as in MT5: until written, or the SocketTimeouts send timeout.
            long timeout = -1;
            if (s->send_timeout_ms != 0)
            {
                timeout = static_cast<long>(s->send_timeout_ms) - static_cast<long>((harness::real_us() - started) / 1000);
                if (timeout <= 0)
                {
                    break;
                }
            }
            harness::wait_for(s->fd, POLLOUT, timeout);
            continue;
        }
        harness::mark_broken(*s);
        return -1;
    }
    if (sent < length)
    {
        set_last_error(ERR_NETSOCKET_IO_ERROR);
        return sent == 0 ? -1 : static_cast<int>(sent);
    }
    return static_cast<int>(sent);
}
} // namespace mql5
