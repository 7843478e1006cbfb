//+------------------------------------------------------------------+
//| SurfaceProbe.mq5                                                 |
//| Calls the MQL5 functions the harness provides (those of the      |
//| bridge EA and of its next version) and prints each result as     |
//| "probe name=value" for Mql5SurfaceTest. Not a trading program.   |
//+------------------------------------------------------------------+
#property strict

input int InpFault      = 0;   // 1: array out of range in OnTimer, 2: zero divide in OnTimer
input int InpClosedPort = 1;   // a port nothing listens on
input int InpServerPort = 0;   // a port that accepts and never reads (0: skip those probes)

struct Packed   { long a; int b; uchar tag[4]; };
struct WithText { int n; string text; double d; };

int g_divisor = 0;

void Out(const string name, const string value)
  {
   Print("probe ", name, "=", value);
  }

string Flag(const bool value)
  {
   return value ? "1" : "0";
  }

int OnInit()
  {
   ProbeStrings();
   ProbeArrays();
   ProbeStructs();
   ProbeMath();
   ProbeGlobals();
   ProbeSymbols();
   ProbeAccount();
   ProbeTime();
   ProbeTrade();
   ProbeSockets();
   EventSetMillisecondTimer(50);
   return INIT_SUCCEEDED;
  }

void OnTimer()
  {
   if(InpFault == 1)
     {
      int values[];
      ArrayResize(values, 2);
      values[2] = 1;
     }
   if(InpFault == 2)
      Out("quotient", IntegerToString(10 / g_divisor));
  }

void ProbeStrings()
  {
   string s = "  EURUSD.m  ";
   int trimmed = StringTrimLeft(s) + StringTrimRight(s);
   Out("trimmed", IntegerToString(trimmed) + ":" + s);
   Out("find", IntegerToString(StringFind(s, ".m")) + "," + IntegerToString(StringFind(s, "x")));
   Out("substr", StringSubstr(s, 0, 6) + "," + StringSubstr(s, 6));
   Out("len", IntegerToString(StringLen(s)));
   string upper = "eurusd";
   StringToUpper(upper);
   Out("upper", upper);
   string replaced = "a-b-c";
   int n = StringReplace(replaced, "-", "+");
   Out("replace", IntegerToString(n) + ":" + replaced);
   Out("format", StringFormat("%I64d|%s|%.5f|%u|%5.1f|%x|%%", (long)-1234567890123, "x", 1.234567, (uint)7, 2.25, 255));
   PrintFormat("probe printformat=%I64u/%d/%s", ULONG_MAX, -5, "ok");
   Out("double", DoubleToString(1.23456789, 3) + "," + DoubleToString(2.0, 0));
   Out("integer", IntegerToString(42, 5, '0'));
   Out("toint", IntegerToString(StringToInteger("  123abc")));
   Out("todouble", DoubleToString(StringToDouble("1.5e2"), 1));
   Out("normalize", DoubleToString(NormalizeDouble(1.234567, 4), 8));
   string parts[];
   int k = StringSplit("EURUSD,GBPUSD,,XAUUSD", ',', parts);
   Out("split", IntegerToString(k) + ":" + parts[3] + ":" + parts[2]);
   uchar bytes[];
   int copied = StringToCharArray("AB", bytes);
   Out("tochars", IntegerToString(copied) + ":" + IntegerToString(ArraySize(bytes)) + ":" + IntegerToString(bytes[2]));
   Out("fromchars", CharArrayToString(bytes));
   Out("literals", "a" + "b");
  }

void ProbeArrays()
  {
   int a[];
   Out("resize", IntegerToString(ArrayResize(a, 5)));
   for(int i = 0; i < 5; i++)
      a[i] = i;
   ArrayCopy(a, a, 1, 0, 4);
   Out("copy", IntegerToString(a[0]) + IntegerToString(a[1]) + IntegerToString(a[2]) + IntegerToString(a[3]) + IntegerToString(a[4]));
   ArrayInitialize(a, 7);
   ArrayFill(a, 1, 2, 9);
   Out("fill", IntegerToString(a[0]) + IntegerToString(a[1]) + IntegerToString(a[2]) + IntegerToString(a[3]));
   ArrayFree(a);
   Out("free", IntegerToString(ArraySize(a)));
   double grow[];
   ArrayResize(grow, 2, 100);
   Out("reserve", IntegerToString(ArraySize(grow)));
   uchar target[];
   uchar source[];
   ArrayResize(source, 3);
   ArrayInitialize(source, 5);
   int copiedCount = ArrayCopy(target, source, 2);
   Out("copygrow", IntegerToString(copiedCount) + ":" + IntegerToString(ArraySize(target)));
  }

void ProbeStructs()
  {
   Packed p;
   p.a = 1;
   p.b = 2;
   ArrayInitialize(p.tag, 0);
   p.tag[0] = 65;
   uchar raw[];
   bool ok = StructToCharArray(p, raw);
   Out("structsize", Flag(ok) + ":" + IntegerToString(ArraySize(raw)));
   Packed q;
   ok = CharArrayToStruct(q, raw);
   Out("roundtrip", Flag(ok) + ":" + IntegerToString(q.b) + ":" + CharArrayToString(q.tag));
   uchar shortRaw[];
   ArrayResize(shortRaw, 10);
   Out("short", Flag(CharArrayToStruct(q, shortRaw)) + Flag(CharArrayToStruct(q, raw, 1)));
   WithText w;
   w.n = 5;
   w.text = "x";
   w.d = 1.5;
   ZeroMemory(w);
   Out("zero", IntegerToString(w.n) + ":" + w.text + ":" + DoubleToString(w.d, 1));
  }

void ProbeMath()
  {
   Out("rounding", DoubleToString(MathFloor(-1.5), 1) + "," + DoubleToString(MathCeil(1.2), 1) + "," +
       DoubleToString(MathRound(2.5), 1) + "," + DoubleToString(MathAbs(-3.0), 1));
   Out("minmax", IntegerToString(MathMax(3, 7)) + "," + DoubleToString(MathMin(1.5, -2.5), 1));
   Out("valid", Flag(MathIsValidNumber(1.0 / 3)) + Flag(MathIsValidNumber(MathLog(-1))));
   MathSrand(7);
   int r1 = MathRand();
   MathSrand(7);
   int r2 = MathRand();
   Out("rand", r1 == r2 && r1 >= 0 && r1 <= 32767 ? "repeatable" : "broken");
  }

void ProbeGlobals()
  {
   GlobalVariableSet("probe.a", 1.5);
   double v = 0;
   bool got = GlobalVariableGet("probe.a", v);   // each call with a side effect is its own statement: operand order is unspecified
   Out("gv", Flag(got) + ":" + DoubleToString(v, 1) + ":" + Flag(GlobalVariableCheck("probe.a")) + ":" + IntegerToString(GlobalVariablesTotal()));
   ResetLastError();
   double missing = GlobalVariableGet("probe.none");
   Out("gvmissing", DoubleToString(missing, 1) + ":" + IntegerToString(GetLastError()));
   Out("gvname", GlobalVariableName(0));
   Out("gvtime", GlobalVariableTime("probe.a") > 0 ? "set" : "unset");
   bool swapped = GlobalVariableSetOnCondition("probe.a", 2.0, 1.5);
   bool swappedAgain = GlobalVariableSetOnCondition("probe.a", 3.0, 1.5);
   Out("gvcondition", Flag(swapped) + Flag(swappedAgain));
   GlobalVariablesFlush();
   bool deleted = GlobalVariableDel("probe.a");
   Out("gvdel", Flag(deleted) + Flag(GlobalVariableCheck("probe.a")));
   GlobalVariableTemp("probe.temp");
   Out("gvtemp", Flag(GlobalVariableCheck("probe.temp")));
  }

void ProbeSymbols()
  {
   bool custom = true;
   bool known = SymbolExist("EURUSD", custom);
   bool suffixed = SymbolExist("EURUSD.x", custom);
   Out("exist", Flag(known) + Flag(custom) + Flag(suffixed));
   Out("symbols", IntegerToString(SymbolsTotal(true)) + ":" + SymbolName(0, true));
   Out("digits", IntegerToString(SymbolInfoInteger("USDJPY", SYMBOL_DIGITS)));
   Out("exemode", Flag(SymbolInfoInteger("EURUSD", SYMBOL_TRADE_EXEMODE) == SYMBOL_TRADE_EXECUTION_MARKET));
   Out("levels", IntegerToString(SymbolInfoInteger("EURUSD", SYMBOL_TRADE_STOPS_LEVEL)) + "," + IntegerToString(SymbolInfoInteger("EURUSD", SYMBOL_TRADE_FREEZE_LEVEL)));
   Out("trademode", Flag(SymbolInfoInteger("EURUSD", SYMBOL_TRADE_MODE) == SYMBOL_TRADE_MODE_FULL));
   Out("filling", IntegerToString(SymbolInfoInteger("EURUSD", SYMBOL_FILLING_MODE)));
   Out("ticksize", DoubleToString(SymbolInfoDouble("XAUUSD", SYMBOL_TRADE_TICK_SIZE), 2) + "," + DoubleToString(SymbolInfoDouble("XAUUSD", SYMBOL_POINT), 2));
   Out("quote", DoubleToString(SymbolInfoDouble("EURUSD", SYMBOL_BID), 5) + "/" + DoubleToString(SymbolInfoDouble("EURUSD", SYMBOL_ASK), 5));
   Out("volumes", DoubleToString(SymbolInfoDouble("EURUSD", SYMBOL_VOLUME_MIN), 2) + "," + DoubleToString(SymbolInfoDouble("EURUSD", SYMBOL_VOLUME_STEP), 2) + "," +
       DoubleToString(SymbolInfoDouble("EURUSD", SYMBOL_VOLUME_MAX), 0));
   MqlTick tick;
   bool ticked = SymbolInfoTick("GBPUSD", tick);
   Out("tick", Flag(ticked) + ":" + DoubleToString(tick.bid, 5));
   ResetLastError();
   double unknownBid = SymbolInfoDouble("NOPE", SYMBOL_BID);
   Out("unknown", DoubleToString(unknownBid, 1) + ":" + IntegerToString(GetLastError()));
  }

void ProbeAccount()
  {
   Out("permissions", IntegerToString(TerminalInfoInteger(TERMINAL_TRADE_ALLOWED)) + IntegerToString(TerminalInfoInteger(TERMINAL_CONNECTED)) +
       IntegerToString(MQLInfoInteger(MQL_TRADE_ALLOWED)) + IntegerToString(AccountInfoInteger(ACCOUNT_TRADE_ALLOWED)) +
       IntegerToString(AccountInfoInteger(ACCOUNT_TRADE_EXPERT)));
   Out("account", IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + ":" +
       Flag(AccountInfoInteger(ACCOUNT_MARGIN_MODE) == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING));
   Out("money", DoubleToString(AccountInfoDouble(ACCOUNT_BALANCE), 2) + ":" + DoubleToString(AccountInfoDouble(ACCOUNT_CREDIT), 2) + ":" +
       AccountInfoString(ACCOUNT_CURRENCY));
  }

void ProbeTime()
  {
   Out("servertime", IntegerToString((long)(TimeTradeServer() - TimeGMT())));
   Out("localtime", IntegerToString((long)(TimeLocal() - TimeGMT())));
   Out("current", MathAbs((long)(TimeCurrent() - TimeTradeServer())) <= 1 ? "live" : "stale");
   MqlDateTime parts;
   datetime epoch = 0;
   TimeToStruct(epoch + 86400 + 3661, parts);
   Out("struct", IntegerToString(parts.year) + "." + IntegerToString(parts.mon) + "." + IntegerToString(parts.day) + " " +
       IntegerToString(parts.hour) + ":" + IntegerToString(parts.min) + ":" + IntegerToString(parts.sec));
   Out("timestring", TimeToString((datetime)90061, TIME_DATE | TIME_SECONDS));
   Out("ticks", GetTickCount64() > 0 && GetMicrosecondCount() < 60000000 ? "ok" : "odd");
   Out("stopped", Flag(IsStopped()));
  }

void ProbeTrade()
  {
   if(PositionSelect("EURUSD"))
     {
      long id = PositionGetInteger(POSITION_IDENTIFIER);
      long ticket = PositionGetInteger(POSITION_TICKET);
      Out("position", Flag(id == ticket) + ":" + IntegerToString(PositionGetInteger(POSITION_MAGIC)) + ":" + PositionGetString(POSITION_SYMBOL) + ":" +
          DoubleToString(PositionGetDouble(POSITION_VOLUME), 2));
      HistorySelectByPosition(id);
      Out("byposition", IntegerToString(HistoryDealsTotal()) + ":" + IntegerToString(HistoryOrdersTotal()));
      ulong order = HistoryOrderGetTicket(0);
      Out("order", Flag(HistoryOrderGetInteger(order, ORDER_POSITION_ID) == id) + ":" + Flag(HistoryOrderGetInteger(order, ORDER_STATE) == ORDER_STATE_FILLED) + ":" +
          DoubleToString(HistoryOrderGetDouble(order, ORDER_VOLUME_INITIAL), 2));
      ulong deal = HistoryDealGetTicket(0);
      Out("deal", HistoryDealGetString(deal, DEAL_SYMBOL) + ":" + Flag(HistoryDealGetInteger(deal, DEAL_ENTRY) == DEAL_ENTRY_IN) + ":" +
          DoubleToString(HistoryDealGetDouble(deal, DEAL_FEE), 2));
      bool dealSelected = HistoryDealSelect(deal);
      Out("dealselect", Flag(dealSelected) + ":" + IntegerToString(HistoryDealsTotal()));
      bool orderSelected = HistoryOrderSelect(order);
      Out("orderselect", Flag(orderSelected) + ":" + IntegerToString(HistoryOrdersTotal()));
     }
   Out("pending", Flag(OrderSelect(1)) + ":" + IntegerToString(OrdersTotal()));
  }

void ProbeSockets()
  {
   int s = SocketCreate();
   Out("socket", s != INVALID_HANDLE ? "created" : "failed");
   Out("timeouts", Flag(SocketTimeouts(s, 100, 100)));
   ResetLastError();
   bool connected = SocketConnect(s, "127.0.0.1", InpClosedPort, 500);
   Out("connect", Flag(connected) + ":" + IntegerToString(GetLastError()));
   SocketClose(s);
   ResetLastError();
   bool writable = SocketIsWritable(s);
   Out("closed", Flag(writable) + ":" + IntegerToString(GetLastError()));
   if(InpServerPort <= 0)
      return;
   s = SocketCreate();
   bool reached = SocketConnect(s, "127.0.0.1", InpServerPort, 1000);
   Out("server", Flag(reached) + Flag(SocketIsConnected(s)) + Flag(SocketIsWritable(s)));
   uint first = SocketIsReadable(s);
   uchar buffer[];
   int got = SocketRead(s, buffer, 1, 50);
   uint second = SocketIsReadable(s);
   Out("readable", IntegerToString(first) + ":" + IntegerToString(got) + ":" + IntegerToString(second));
   SocketTimeouts(s, 200, 0);
   uchar big[];
   ArrayResize(big, 64 * 1024 * 1024);
   ResetLastError();
   ulong started = GetTickCount64();
   int sent = SocketSend(s, big, ArraySize(big));
   ulong took = GetTickCount64() - started;
   Out("flood", (sent < ArraySize(big) ? "stopped" : "all") + ":" + IntegerToString(GetLastError()) + ":" + (took >= 150 && took < 5000 ? "timed" : "untimed"));
   SocketClose(s);
  }
