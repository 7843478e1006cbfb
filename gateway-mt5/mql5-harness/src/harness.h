// Shared by runtime.cpp, model_terminal.cpp and main.cpp: the virtual clock, the program's event queue,
// output lines and command plumbing. Not part of the MQL5 surface (that is include/mql5.h).
#pragma once

#include "mql5.h"

#include <map>
#include <string>
#include <vector>

namespace harness
{
// ------------------------------------------------------------------ output (stdout, one flushed line each)
void emit(const std::string& line);
// Shortest text that reads back as the same double ("0.1", "1.08512", "10000").
std::string num(double value);
// Double quotes a free text value for a k=v line (a quote or backslash inside is escaped).
std::string quoted(const std::string& text);

// ------------------------------------------------------------------ virtual clock (runtime.cpp)
// Virtual UTC time in microseconds since 1970. It starts at the wall clock's time; when paced (the
// default) it never runs ahead of the wall clock, because the real gateway lives on the wall clock.
long long now_us();
// Advances the virtual clock to target_us (waits for the wall clock when paced).
void advance_to(long long target_us);
// A blocking call took real_us of real time: the virtual clock moves by as much.
void waited_real(long long real_us);
long long real_us();
int server_offset_seconds();
int local_offset_seconds();
long long server_now_ms();

// ------------------------------------------------------------------ the program and its events (runtime.cpp)
bool program_running();
// Trade transactions reach the program after the handler that caused them returns (MQL5's event queue).
void queue_transaction(const mql5::MqlTradeTransaction& trans, const mql5::MqlTradeRequest& request, const mql5::MqlTradeResult& result);
void queue_trade_event();
void queue_tick(const std::string& symbol);
// Delivers queued events now (the program is idle between commands, so events are handled at once).
void deliver_events();
// Called by OrderSend once the trade is done: applies drop-after-ordersend / crash-after-ordersend.
void after_order_send();
void arm_drop_after_order_send();
void arm_crash_after_order_send();
// The chart the program is attached to (OnTick comes for this symbol only).
const std::string& chart_symbol();

// ------------------------------------------------------------------ model terminal (model_terminal.cpp)
namespace model
{
void reset_program_state();
long long time_current_seconds();
bool terminal_connected();
bool terminal_trade_allowed();
bool program_trade_allowed();
bool symbol_known(const std::string& name);
const std::string& first_symbol();
} // namespace model

// ------------------------------------------------------------------ commands
using Words = std::vector<std::string>;
// k=v arguments of a command (words without '=' are positional, in order).
struct Args
{
    std::vector<std::string> positional;
    std::map<std::string, std::string> named;
};
Args parse_args(const Words& words, size_t from);
double to_double(const std::string& text, const std::string& what);
long to_long(const std::string& text, const std::string& what);
// Thrown by a command handler for a bad command: the harness answers "ERR <message>".
struct CommandError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// Each returns true when it knows the verb (and has executed it, or thrown CommandError).
bool runtime_command(const std::string& verb, const Words& words);
bool model_command(const std::string& verb, const Words& words);

// Process arguments the runtime keeps (--input Name=Value, ...).
void set_input_override(const std::string& name, const std::string& value);
void set_paced(bool paced);
void set_chart_symbol(const std::string& symbol);
void allow_host(const std::string& host);
// A critical error or a kill ended the program during the last command: the command answers ERR.
std::string take_program_failure();
void install_fault_handlers();
} // namespace harness
