//+------------------------------------------------------------------+
//| RingfenceBridge.mq5                                              |
//| The terminal side of the Ringfence bridge (PROTOCOL.md, v1).     |
//| Connects to the Ringfence gateway on 127.0.0.1, reports symbols, |
//| ticks, account and positions, executes the engine's orders       |
//| exactly once (deduplicated by magic number), answers heartbeats, |
//| and enforces the equity floor itself if the engine goes silent.  |
//+------------------------------------------------------------------+
#property copyright "Ringfence"
#property version   "1.00"
#property strict

//--- inputs
input string InpHost              = "127.0.0.1";   // Gateway host (must be on the allow-list)
input int    InpPort              = 7788;          // Gateway port (gateway.port)
input string InpSecret            = "change-me";   // Shared secret (gateway.secret)
input string InpSymbols           = "EURUSD,GBPUSD,USDJPY,XAUUSD"; // Symbols the engine trades
input int    InpTimerMillis       = 20;            // Timer period (the terminal fires every 10-16 ms at best)
input int    InpEngineSilenceSec  = 10;            // Engine heartbeat silence that arms the local floor
input double InpLocalEquityFloor  = 0.0;           // Local equity floor (0 = off): flatten if equity <= this while the engine is silent
input int    InpSlippagePoints    = 20;            // Deviation allowed on market orders, points

//--- protocol constants (PROTOCOL.md)
#define RF_VERSION           1
#define RF_HEADER            8
#define RF_MAX_FRAME         4096
#define RF_HELLO             1
#define RF_HELLO_ACK         2
#define RF_HEARTBEAT         3
#define RF_HEARTBEAT_ECHO    4
#define RF_SYMBOL            5
#define RF_TICK              6
#define RF_ACCOUNT           7
#define RF_POSITIONS_BEGIN   8
#define RF_POSITION          9
#define RF_ORDER_RESULT      10
#define RF_POSITION_CLOSED   11
#define RF_BALANCE_OPERATION 12
#define RF_ORDER_NEW         20
#define RF_CLOSE_POSITION    21
#define RF_RESYNC            22
#define RF_ERROR             30

#define RF_NOT_FOUND         1
#define RF_EXPIRED_COMMAND   2

//--- message layouts: MQL5 structs are packed (1-byte alignment), little-endian on every MT5 platform
struct RfHeader        { uint length; ushort type; ushort version; };
struct RfHello         { long login; long instanceId; int gmtOffsetSeconds; int marginMode; uchar server[32]; uchar currency[4]; uchar secret[32]; };
struct RfHelloAck      { int accepted; int protocolVersion; long engineInstance; uchar reason[32]; };
struct RfHeartbeat     { long nanos; };
struct RfSymbol        { uchar symbol[16]; double contractSize; double volumeMin; double volumeStep; double volumeMax; int digits; int fillingModes; };
struct RfTick          { long timeMillis; uchar symbol[16]; double bid; double ask; };
struct RfAccount       { long timeMillis; long login; double balance; double equity; double margin; double freeMargin; int connected; int gmtOffsetSeconds; };
struct RfPositionsBegin{ long timeMillis; int count; int reserved; };
struct RfPosition      { long ticket; uchar symbol[16]; int side; int reserved; double volume; double openPrice; double profit; long magic; };
struct RfOrderResult   { long timeMillis; long clientOrderId; int retcode; int reserved; long ticket; double price; double volume; double profit; };
struct RfPositionClosed{ long timeMillis; long ticket; double profit; int reason; int reserved; };
struct RfBalance       { long timeMillis; double amount; };
struct RfOrderNew      { long clientOrderId; uchar symbol[16]; int side; int reserved; double volume; double stopLoss; double takeProfit; long expiresAt; };
struct RfClosePosition { long clientOrderId; long ticket; double volume; };
struct RfResync        { long lookupClientOrderId; };
struct RfError         { int code; int reserved; uchar reason[32]; };

//--- state
int      g_socket = INVALID_HANDLE;
bool     g_ready = false;
long     g_instanceId = 0;
uchar    g_in[];                 // received, not yet parsed
int      g_inLength = 0;
string   g_symbols[];
double   g_lastBid[];
double   g_lastAsk[];
ulong    g_nextConnectMs = 0;
ulong    g_backoffMs = 1000;
ulong    g_lastEngineHeardMs = 0;
ulong    g_nextHeartbeatMs = 0;
ulong    g_nextSnapshotMs = 0;
bool     g_snapshotDue = true;
double   g_lastBalance = 0;
bool     g_localFloorTripped = false;

//+------------------------------------------------------------------+
int OnInit()
  {
   g_instanceId = (long)GetMicrosecondCount() ^ ((long)TimeLocal() << 20);
   int n = StringSplit(InpSymbols, ',', g_symbols);
   if(n <= 0)
     {
      Print("RingfenceBridge: no symbols in InpSymbols");
      return INIT_PARAMETERS_INCORRECT;
     }
   ArrayResize(g_lastBid, n);
   ArrayResize(g_lastAsk, n);
   for(int i = 0; i < n; i++)
     {
      StringTrimLeft(g_symbols[i]);
      StringTrimRight(g_symbols[i]);
      SymbolSelect(g_symbols[i], true);
      g_lastBid[i] = 0;
      g_lastAsk[i] = 0;
     }
   ArrayResize(g_in, 4 * RF_MAX_FRAME);
   g_lastBalance = AccountInfoDouble(ACCOUNT_BALANCE);
   EventSetMillisecondTimer(InpTimerMillis);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   Disconnect("deinit");
  }

void OnTick()
  {
   // Ticks of every symbol are polled on the timer; OnTick only fires for the chart's symbol.
  }

//+------------------------------------------------------------------+
void OnTimer()
  {
   ulong now = GetTickCount64();
   if(g_socket == INVALID_HANDLE)
     {
      if(now >= g_nextConnectMs)
         Connect();
      LocalFloorCheck(now);
      return;
     }
   if(!SocketIsConnected(g_socket))
     {
      Disconnect("connection lost");
      return;
     }
   Receive();
   if(g_socket == INVALID_HANDLE || !g_ready)
      return;
   SendTicks();
   SendBalanceOperationIfAny();
   if(g_snapshotDue || now >= g_nextSnapshotMs)
     {
      SendAccount();
      SendPositions();
      g_snapshotDue = false;
      g_nextSnapshotMs = now + 1000;
     }
   if(now >= g_nextHeartbeatMs)
     {
      RfHeartbeat hb;
      hb.nanos = (long)GetMicrosecondCount() * 1000;
      SendHeartbeat(RF_HEARTBEAT, hb);
      g_nextHeartbeatMs = now + 1000;
     }
   LocalFloorCheck(now);
  }

//+------------------------------------------------------------------+
//| A trade happened: positions and account are sent at once; a deal |
//| that closed a position is reported with its reason and profit.   |
//| OnTradeTransaction is only a hint (it can be lost or reordered): |
//| the periodic snapshot stays the ledger.                          |
//+------------------------------------------------------------------+
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   g_snapshotDue = true;
   if(trans.type != TRADE_TRANSACTION_DEAL_ADD || !g_ready)
      return;
   if(!HistoryDealSelect(trans.deal))
      return;
   long entry = HistoryDealGetInteger(trans.deal, DEAL_ENTRY);
   if(entry != DEAL_ENTRY_OUT && entry != DEAL_ENTRY_OUT_BY)
      return;
   RfPositionClosed m;
   m.timeMillis = NowMillis();
   m.ticket = (long)HistoryDealGetInteger(trans.deal, DEAL_POSITION_ID);
   m.profit = HistoryDealGetDouble(trans.deal, DEAL_PROFIT) + HistoryDealGetDouble(trans.deal, DEAL_SWAP) + HistoryDealGetDouble(trans.deal, DEAL_COMMISSION);
   long reason = HistoryDealGetInteger(trans.deal, DEAL_REASON);
   m.reason = 6;
   if(reason == DEAL_REASON_SL) m.reason = 1;
   else if(reason == DEAL_REASON_TP) m.reason = 2;
   else if(reason == DEAL_REASON_CLIENT || reason == DEAL_REASON_MOBILE || reason == DEAL_REASON_WEB) m.reason = 3;
   else if(reason == DEAL_REASON_SO) m.reason = 4;
   else if(reason == DEAL_REASON_EXPERT) m.reason = 5;
   m.reserved = 0;
   uchar body[];
   StructToCharArray(m, body);
   SendFrame(RF_POSITION_CLOSED, body);
  }

//+------------------------------------------------------------------+
//| Connection                                                       |
//+------------------------------------------------------------------+
void Connect()
  {
   g_socket = SocketCreate();
   if(g_socket == INVALID_HANDLE)
     {
      Print("RingfenceBridge: SocketCreate failed, error ", GetLastError());
      Backoff();
      return;
     }
   if(!SocketConnect(g_socket, InpHost, InpPort, 1000))
     {
      // Error 4014: the host is not on Tools > Options > Expert Advisors > allowed URLs.
      Print("RingfenceBridge: cannot connect to ", InpHost, ":", InpPort, ", error ", GetLastError(),
            " (is 127.0.0.1 on the allow-list, and is the engine running?)");
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      Backoff();
      return;
     }
   g_inLength = 0;
   g_ready = false;
   RfHello h;
   h.login = AccountInfoInteger(ACCOUNT_LOGIN);
   h.instanceId = g_instanceId;
   h.gmtOffsetSeconds = (int)(TimeTradeServer() - TimeGMT());
   h.marginMode = (int)AccountInfoInteger(ACCOUNT_MARGIN_MODE) == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING ? 2 : 0;
   PutAscii(h.server, AccountInfoString(ACCOUNT_SERVER));
   PutAscii(h.currency, AccountInfoString(ACCOUNT_CURRENCY));
   PutAscii(h.secret, InpSecret);
   uchar body[];
   StructToCharArray(h, body);
   SendFrame(RF_HELLO, body);
   g_lastEngineHeardMs = GetTickCount64();
  }

void Backoff()
  {
   g_nextConnectMs = GetTickCount64() + g_backoffMs;
   g_backoffMs = MathMin(g_backoffMs * 2, 30000);
  }

void Disconnect(const string why)
  {
   if(g_socket != INVALID_HANDLE)
     {
      SocketClose(g_socket);
      Print("RingfenceBridge: disconnected (", why, ")");
     }
   g_socket = INVALID_HANDLE;
   g_ready = false;
   Backoff();
  }

//+------------------------------------------------------------------+
//| Receiving: drain only what SocketIsReadable reports (a blocking  |
//| SocketRead would freeze the EA), then parse whole frames.        |
//+------------------------------------------------------------------+
void Receive()
  {
   uint readable = SocketIsReadable(g_socket);
   while(readable > 0 && g_socket != INVALID_HANDLE)
     {
      uint room = (uint)(ArraySize(g_in) - g_inLength);
      uint want = MathMin(readable, room);
      if(want == 0)
        {
         Disconnect("receive buffer full");
         return;
        }
      uchar chunk[];
      int got = SocketRead(g_socket, chunk, want, 10);
      if(got <= 0)
        {
         if(GetLastError() == 5273)   // the connection is gone
            Disconnect("socket error 5273");
         return;
        }
      ArrayCopy(g_in, chunk, g_inLength, 0, got);
      g_inLength += got;
      ParseFrames();
      readable = g_socket == INVALID_HANDLE ? 0 : SocketIsReadable(g_socket);
     }
  }

void ParseFrames()
  {
   int position = 0;
   while(g_inLength - position >= RF_HEADER)
     {
      RfHeader header;
      CharArrayToStruct(header, g_in, position);
      if(header.length < RF_HEADER || header.length > RF_MAX_FRAME || header.version != RF_VERSION)
        {
         Disconnect("malformed frame from the engine");
         return;
        }
      if(g_inLength - position < (int)header.length)
         break;
      g_lastEngineHeardMs = GetTickCount64();
      g_localFloorTripped = false;
      HandleFrame(header.type, position + RF_HEADER);
      if(g_socket == INVALID_HANDLE)
         return;
      position += (int)header.length;
     }
   if(position > 0)
     {
      // Keep the partial frame at the start, through a copy (the ranges may overlap).
      uchar rest[];
      int remaining = g_inLength - position;
      if(remaining > 0)
        {
         ArrayCopy(rest, g_in, 0, position, remaining);
         ArrayCopy(g_in, rest, 0, 0, remaining);
        }
      g_inLength = remaining;
     }
  }

void HandleFrame(const ushort type, const int at)
  {
   switch(type)
     {
      case RF_HELLO_ACK:
        {
         RfHelloAck ack;
         CharArrayToStruct(ack, g_in, at);
         if(ack.accepted != 1)
           {
            Print("RingfenceBridge: the engine refused this terminal: ", CharArrayToString(ack.reason));
            Disconnect("refused");
            return;
           }
         g_ready = true;
         g_backoffMs = 1000;
         Print("RingfenceBridge: connected to the Ringfence engine");
         SendSymbols();
         SendAccount();
         SendPositions();
         break;
        }
      case RF_HEARTBEAT:
        {
         RfHeartbeat hb;
         CharArrayToStruct(hb, g_in, at);
         SendHeartbeat(RF_HEARTBEAT_ECHO, hb);
         break;
        }
      case RF_ORDER_NEW:
        {
         RfOrderNew o;
         CharArrayToStruct(o, g_in, at);
         ExecuteOrder(o);
         break;
        }
      case RF_CLOSE_POSITION:
        {
         RfClosePosition c;
         CharArrayToStruct(c, g_in, at);
         ClosePosition(c);
         break;
        }
      case RF_RESYNC:
        {
         RfResync r;
         CharArrayToStruct(r, g_in, at);
         SendAccount();
         SendPositions();
         if(r.lookupClientOrderId != 0)
            AnswerLookup(r.lookupClientOrderId);
         break;
        }
      case RF_ERROR:
        {
         RfError e;
         CharArrayToStruct(e, g_in, at);
         Print("RingfenceBridge: the engine reports error ", e.code, ": ", CharArrayToString(e.reason));
         break;
        }
      default:
         break;   // HEARTBEAT_ECHO and anything newer: nothing to do
     }
  }

//+------------------------------------------------------------------+
//| Orders: idempotent by magic, expired commands refused, filling   |
//| mode from the symbol's flags.                                    |
//+------------------------------------------------------------------+
void ExecuteOrder(const RfOrderNew &o)
  {
   string symbol = CharArrayToString(o.symbol);
   if(NowMillis() > o.expiresAt)
     {
      SendResult(o.clientOrderId, RF_EXPIRED_COMMAND, 0, 0, 0, 0);
      return;
     }
   long existingTicket;
   double existingPrice, existingVolume;
   if(FindByMagic((ulong)o.clientOrderId, existingTicket, existingPrice, existingVolume))
     {
      // Already executed (a resend after a lost reply, or a restart): answer with what exists.
      SendResult(o.clientOrderId, TRADE_RETCODE_DONE, existingTicket, existingPrice, existingVolume, 0);
      return;
     }
   MqlTradeRequest request;
   MqlTradeResult result;
   ZeroMemory(request);
   ZeroMemory(result);
   request.action = TRADE_ACTION_DEAL;
   request.symbol = symbol;
   request.volume = o.volume;
   request.type = o.side == 0 ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
   request.price = o.side == 0 ? SymbolInfoDouble(symbol, SYMBOL_ASK) : SymbolInfoDouble(symbol, SYMBOL_BID);
   request.sl = o.stopLoss;
   request.tp = o.takeProfit;
   request.deviation = InpSlippagePoints;
   request.magic = (ulong)o.clientOrderId;
   request.comment = "rf " + IntegerToString(o.clientOrderId % 1000000000);
   request.type_filling = FillingFor(symbol);
   if(!OrderSend(request, result))
      PrintFormat("RingfenceBridge: OrderSend %s failed: retcode %u, error %d", symbol, result.retcode, GetLastError());
   long ticket = PositionTicketFor(result);
   SendResult(o.clientOrderId, (int)result.retcode, ticket, result.price, result.volume, 0);
   g_snapshotDue = true;
  }

void ClosePosition(const RfClosePosition &c)
  {
   if(!PositionSelectByTicket((ulong)c.ticket))
     {
      SendResult(c.clientOrderId, TRADE_RETCODE_POSITION_CLOSED, c.ticket, 0, 0, 0);
      return;
     }
   string symbol = PositionGetString(POSITION_SYMBOL);
   long type = PositionGetInteger(POSITION_TYPE);
   double volume = PositionGetDouble(POSITION_VOLUME);
   double profit = PositionGetDouble(POSITION_PROFIT) + PositionGetDouble(POSITION_SWAP);
   MqlTradeRequest request;
   MqlTradeResult result;
   ZeroMemory(request);
   ZeroMemory(result);
   request.action = TRADE_ACTION_DEAL;
   request.position = (ulong)c.ticket;          // always by ticket: on netting accounts a close without it can flip the position
   request.symbol = symbol;
   request.volume = volume;
   request.type = type == POSITION_TYPE_BUY ? ORDER_TYPE_SELL : ORDER_TYPE_BUY;
   request.price = type == POSITION_TYPE_BUY ? SymbolInfoDouble(symbol, SYMBOL_BID) : SymbolInfoDouble(symbol, SYMBOL_ASK);
   request.deviation = InpSlippagePoints;
   request.magic = (ulong)c.clientOrderId;
   request.type_filling = FillingFor(symbol);
   if(!OrderSend(request, result))
      PrintFormat("RingfenceBridge: close of %I64d failed: retcode %u, error %d", c.ticket, result.retcode, GetLastError());
   SendResult(c.clientOrderId, (int)result.retcode, c.ticket, result.price, result.volume, profit);
   g_snapshotDue = true;
  }

void AnswerLookup(const long clientOrderId)
  {
   long ticket;
   double price, volume;
   if(FindByMagic((ulong)clientOrderId, ticket, price, volume))
      SendResult(clientOrderId, TRADE_RETCODE_DONE, ticket, price, volume, 0);
   else
      SendResult(clientOrderId, RF_NOT_FOUND, 0, 0, 0, 0);
  }

//| Open positions, pending orders, then 24 hours of deals carrying the magic. |
bool FindByMagic(const ulong magic, long &ticket, double &price, double &volume)
  {
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong t = PositionGetTicket(i);
      if(t != 0 && (ulong)PositionGetInteger(POSITION_MAGIC) == magic)
        {
         ticket = (long)t;
         price = PositionGetDouble(POSITION_PRICE_OPEN);
         volume = PositionGetDouble(POSITION_VOLUME);
         return true;
        }
     }
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      ulong t = OrderGetTicket(i);
      if(t != 0 && (ulong)OrderGetInteger(ORDER_MAGIC) == magic)
        {
         ticket = (long)t;
         price = OrderGetDouble(ORDER_PRICE_OPEN);
         volume = OrderGetDouble(ORDER_VOLUME_CURRENT);
         return true;
        }
     }
   datetime to = TimeCurrent() + 60;
   if(HistorySelect(to - 24 * 3600, to))
     {
      for(int i = HistoryDealsTotal() - 1; i >= 0; i--)
        {
         ulong d = HistoryDealGetTicket(i);
         if(d != 0 && (ulong)HistoryDealGetInteger(d, DEAL_MAGIC) == magic)
           {
            ticket = HistoryDealGetInteger(d, DEAL_POSITION_ID);
            price = HistoryDealGetDouble(d, DEAL_PRICE);
            volume = HistoryDealGetDouble(d, DEAL_VOLUME);
            return true;
           }
        }
     }
   return false;
  }

long PositionTicketFor(const MqlTradeResult &result)
  {
   if(result.deal != 0 && HistoryDealSelect(result.deal))
      return HistoryDealGetInteger(result.deal, DEAL_POSITION_ID);
   return (long)result.order;
  }

//| Market execution: FOK if the symbol allows it, else IOC; RETURN only under exchange execution. |
ENUM_ORDER_TYPE_FILLING FillingFor(const string symbol)
  {
   long modes = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
   if((modes & SYMBOL_FILLING_FOK) != 0)
      return ORDER_FILLING_FOK;
   if((modes & SYMBOL_FILLING_IOC) != 0)
      return ORDER_FILLING_IOC;
   return ORDER_FILLING_RETURN;
  }

//+------------------------------------------------------------------+
//| Reports                                                          |
//+------------------------------------------------------------------+
void SendSymbols()
  {
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      RfSymbol s;
      PutAscii(s.symbol, g_symbols[i]);
      s.contractSize = SymbolInfoDouble(g_symbols[i], SYMBOL_TRADE_CONTRACT_SIZE);
      s.volumeMin = SymbolInfoDouble(g_symbols[i], SYMBOL_VOLUME_MIN);
      s.volumeStep = SymbolInfoDouble(g_symbols[i], SYMBOL_VOLUME_STEP);
      s.volumeMax = SymbolInfoDouble(g_symbols[i], SYMBOL_VOLUME_MAX);
      s.digits = (int)SymbolInfoInteger(g_symbols[i], SYMBOL_DIGITS);
      s.fillingModes = (int)SymbolInfoInteger(g_symbols[i], SYMBOL_FILLING_MODE);
      uchar body[];
      StructToCharArray(s, body);
      SendFrame(RF_SYMBOL, body);
     }
  }

//| New quotes go out, then the account (equity moves with them); nothing when nothing moved. |
void SendTicks()
  {
   bool moved = false;
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      MqlTick tick;
      if(!SymbolInfoTick(g_symbols[i], tick) || tick.bid <= 0 || tick.ask < tick.bid)
         continue;
      if(tick.bid == g_lastBid[i] && tick.ask == g_lastAsk[i])
         continue;
      g_lastBid[i] = tick.bid;
      g_lastAsk[i] = tick.ask;
      RfTick t;
      t.timeMillis = NowMillis();
      PutAscii(t.symbol, g_symbols[i]);
      t.bid = tick.bid;
      t.ask = tick.ask;
      uchar body[];
      StructToCharArray(t, body);
      SendFrame(RF_TICK, body);
      moved = true;
     }
   if(moved)
      SendAccount();
  }

void SendAccount()
  {
   RfAccount a;
   a.timeMillis = NowMillis();
   a.login = AccountInfoInteger(ACCOUNT_LOGIN);
   a.balance = AccountInfoDouble(ACCOUNT_BALANCE);
   a.equity = AccountInfoDouble(ACCOUNT_EQUITY);
   a.margin = AccountInfoDouble(ACCOUNT_MARGIN);
   a.freeMargin = AccountInfoDouble(ACCOUNT_MARGIN_FREE);
   a.connected = (int)TerminalInfoInteger(TERMINAL_CONNECTED);
   a.gmtOffsetSeconds = (int)(TimeTradeServer() - TimeGMT());
   uchar body[];
   StructToCharArray(a, body);
   SendFrame(RF_ACCOUNT, body);
  }

void SendPositions()
  {
   int total = PositionsTotal();
   RfPositionsBegin b;
   b.timeMillis = NowMillis();
   b.count = total;
   b.reserved = 0;
   uchar body[];
   StructToCharArray(b, body);
   SendFrame(RF_POSITIONS_BEGIN, body);
   for(int i = 0; i < total; i++)
     {
      ulong ticket = PositionGetTicket(i);
      RfPosition p;
      p.ticket = (long)ticket;
      PutAscii(p.symbol, PositionGetString(POSITION_SYMBOL));
      p.side = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? 0 : 1;
      p.reserved = 0;
      p.volume = PositionGetDouble(POSITION_VOLUME);
      p.openPrice = PositionGetDouble(POSITION_PRICE_OPEN);
      p.profit = PositionGetDouble(POSITION_PROFIT) + PositionGetDouble(POSITION_SWAP);
      p.magic = (long)PositionGetInteger(POSITION_MAGIC);
      uchar pb[];
      StructToCharArray(p, pb);
      SendFrame(RF_POSITION, pb);
     }
  }

//| A deposit or withdrawal shows as a balance change without a trade: report it before the account. |
void SendBalanceOperationIfAny()
  {
   double balance = AccountInfoDouble(ACCOUNT_BALANCE);
   if(balance == g_lastBalance)
      return;
   datetime to = TimeCurrent() + 60;
   double operations = 0;
   if(HistorySelect(to - 120, to))
     {
      for(int i = HistoryDealsTotal() - 1; i >= 0; i--)
        {
         ulong d = HistoryDealGetTicket(i);
         long dealType = HistoryDealGetInteger(d, DEAL_TYPE);
         if(dealType == DEAL_TYPE_BALANCE && (datetime)HistoryDealGetInteger(d, DEAL_TIME) >= to - 120)
            operations += HistoryDealGetDouble(d, DEAL_PROFIT);
        }
     }
   g_lastBalance = balance;
   if(operations != 0)
     {
      RfBalance m;
      m.timeMillis = NowMillis();
      m.amount = operations;
      uchar body[];
      StructToCharArray(m, body);
      SendFrame(RF_BALANCE_OPERATION, body);
     }
  }

void SendResult(const long clientOrderId, const int retcode, const long ticket, const double price, const double volume, const double profit)
  {
   RfOrderResult r;
   r.timeMillis = NowMillis();
   r.clientOrderId = clientOrderId;
   r.retcode = retcode;
   r.reserved = 0;
   r.ticket = ticket;
   r.price = price;
   r.volume = volume;
   r.profit = profit;
   uchar body[];
   StructToCharArray(r, body);
   SendFrame(RF_ORDER_RESULT, body);
  }

void SendHeartbeat(const ushort type, RfHeartbeat &hb)
  {
   uchar body[];
   StructToCharArray(hb, body);
   SendFrame(type, body);
  }

void SendFrame(const ushort type, const uchar &body[])
  {
   if(g_socket == INVALID_HANDLE)
      return;
   RfHeader header;
   header.length = (uint)(RF_HEADER + ArraySize(body));
   header.type = type;
   header.version = RF_VERSION;
   uchar frame[];
   StructToCharArray(header, frame);
   ArrayCopy(frame, body, RF_HEADER, 0, ArraySize(body));
   if(SocketSend(g_socket, frame, (uint)ArraySize(frame)) != ArraySize(frame))
      Disconnect("send failed, error " + IntegerToString(GetLastError()));
  }

//+------------------------------------------------------------------+
//| Defence in depth: with the engine silent, the EA itself closes   |
//| everything once equity falls to the local floor.                 |
//+------------------------------------------------------------------+
void LocalFloorCheck(const ulong now)
  {
   if(InpLocalEquityFloor <= 0 || g_localFloorTripped)
      return;
   if(now - g_lastEngineHeardMs < (ulong)InpEngineSilenceSec * 1000)
      return;
   if(AccountInfoDouble(ACCOUNT_EQUITY) > InpLocalEquityFloor)
      return;
   Print("RingfenceBridge: engine silent and equity at the local floor: closing every position");
   g_localFloorTripped = true;
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong ticket = PositionGetTicket(i);
      RfClosePosition c;
      c.clientOrderId = 0;
      c.ticket = (long)ticket;
      c.volume = PositionGetDouble(POSITION_VOLUME);
      ClosePosition(c);
     }
  }

//+------------------------------------------------------------------+
long NowMillis()
  {
   return (long)TimeGMT() * 1000;
  }

void PutAscii(uchar &field[], const string text)
  {
   ArrayInitialize(field, 0);
   uchar bytes[];
   int n = StringToCharArray(text, bytes, 0, WHOLE_ARRAY, CP_ACP);
   int size = ArraySize(field);
   for(int i = 0; i < n && i < size; i++)
     {
      if(bytes[i] == 0)
         break;
      field[i] = bytes[i];
     }
  }
//+------------------------------------------------------------------+
