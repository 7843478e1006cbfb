//+------------------------------------------------------------------+
//| RingfenceBridge.mq5                                              |
//| The terminal side of the Ringfence bridge (PROTOCOL.md, v2).     |
//| Connects to the Ringfence gateway on 127.0.0.1, reports symbols, |
//| ticks, account, trade permissions and positions, executes the    |
//| engine's orders exactly once (a persisted record of every id     |
//| sent, then the order's magic number in the terminal), answers    |
//| heartbeats, and enforces an equity floor itself while the engine |
//| is silent.                                                       |
//+------------------------------------------------------------------+
#property copyright "Ringfence"
#property version   "2.00"
#property strict

//--- inputs
input string InpHost                  = "127.0.0.1";   // Gateway host (must be on the allow-list)
input int    InpPort                  = 7788;          // Gateway port (gateway.port)
input string InpSecret                = "change-me";   // Shared secret (gateway.secret)
input string InpSymbols               = "EURUSD,GBPUSD,USDJPY,XAUUSD"; // Engine symbols; ENGINE=BROKER maps a name (EURUSD=EURUSD.m), otherwise a broker suffix is found
input int    InpTimerMillis           = 20;            // Timer period (the terminal fires every 10-16 ms at best)
input int    InpEngineSilenceSec      = 10;            // Seconds without the engine's heartbeat that arm the local floor
input double InpLocalEquityFloor      = 0.0;           // Local equity floor (0 = off): while the engine is silent, close positions if equity <= this
input bool   InpLocalFloorAllPositions = true;         // true: the floor closes every position of the account; false: only the engine's
input int    InpLocalFloorRetryMillis = 1000;          // While the floor holds, closes that failed are tried again this often
input int    InpSlippagePoints        = 20;            // Deviation allowed on market orders, points
input int    InpHandshakeTimeoutSec   = 5;             // No HELLO_ACK this long after connecting: close and reconnect
input int    InpDeadPeerSec           = 5;             // Nothing at all heard this long: close and reconnect
input int    InpStreamPauseSec        = 3;             // No engine heartbeat this long: stop streaming ticks and account reports
input int    InpSendTimeoutMillis     = 500;           // A send the gateway does not take within this closes the connection
input int    InpSentRecordDays        = 7;             // Records of sent order ids are kept this long (terminal global variables)

//--- protocol constants (PROTOCOL.md)
#define RF_VERSION           2
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

//--- Ringfence's own ORDER_RESULT codes (below the trade server's 10000s)
#define RF_NOT_FOUND         1
#define RF_EXPIRED_COMMAND   2
#define RF_LOOKUP_PENDING    3

//--- POSITION_CLOSED reasons
#define RF_CLOSE_STOP_LOSS   1
#define RF_CLOSE_TAKE_PROFIT 2
#define RF_CLOSE_MANUAL      3
#define RF_CLOSE_STOP_OUT    4
#define RF_CLOSE_ENGINE      5
#define RF_CLOSE_UNKNOWN     6
#define RF_CLOSE_LOCAL_FLOOR 7

//--- ACCOUNT.tradePermissions bits
#define RF_PERMIT_TERMINAL   1
#define RF_PERMIT_PROGRAM    2
#define RF_PERMIT_ACCOUNT    4
#define RF_PERMIT_EXPERT     8

//--- the engine's close ids carry bit 62 (and stay below this); the local floor's closes carry this magic
#define RF_CLOSE_ID_BIT      0x4000000000000000
#define RF_LOCAL_FLOOR_MAGIC 0x7FFFFFFF52464C46

//--- connection states
#define RF_DISCONNECTED      0
#define RF_HANDSHAKE         1
#define RF_READY             2

//--- message layouts: MQL5 structs are packed (1-byte alignment), little-endian on every MT5 platform
struct RfHeader        { uint length; ushort type; ushort version; };
struct RfHello         { long login; long instanceId; int gmtOffsetSeconds; int marginMode; uchar server[32]; uchar currency[4]; uchar secret[32]; };
struct RfHelloAck      { int accepted; int protocolVersion; long engineInstance; uchar reason[32]; };
struct RfHeartbeat     { long nanos; };
struct RfSymbol        { uchar symbol[16]; double contractSize; double volumeMin; double volumeStep; double volumeMax; int digits; int fillingModes; uchar brokerSymbol[32]; };
struct RfTick          { long timeMillis; uchar symbol[16]; double bid; double ask; };
struct RfAccount       { long timeMillis; long login; double balance; double equity; double margin; double freeMargin; int connected; int gmtOffsetSeconds; int tradePermissions; int reserved; };
struct RfPositionsBegin{ long timeMillis; int count; int reserved; };
struct RfPosition      { long ticket; uchar symbol[16]; int side; int reserved; double volume; double openPrice; double profit; long magic; };
struct RfOrderResult   { long timeMillis; long clientOrderId; int retcode; int reserved; long ticket; double price; double volume; double profit; };
struct RfPositionClosed{ long timeMillis; long ticket; double profit; int reason; int reserved; double closedVolume; double remainingVolume; };
struct RfBalance       { long timeMillis; double amount; long dealTicket; int dealType; int reserved; };
struct RfOrderNew      { long clientOrderId; uchar symbol[16]; int side; int reserved; double volume; double stopLoss; double takeProfit; long expiresAt; };
struct RfClosePosition { long clientOrderId; long ticket; double volume; };
struct RfResync        { long lookupClientOrderId; };
struct RfError         { int code; int reserved; uchar reason[32]; };

//--- state
int      g_socket = INVALID_HANDLE;
int      g_state = RF_DISCONNECTED;
long     g_instanceId = 0;
uchar    g_in[];                 // received, not yet parsed
int      g_inLength = 0;
string   g_engineNames[];        // the engine's symbol names
string   g_brokerNames[];        // the broker's name of each ("" = not found at this broker)
double   g_lastBid[];
double   g_lastAsk[];
ulong    g_startMs = 0;
ulong    g_nextConnectMs = 0;
ulong    g_backoffMs = 1000;
ulong    g_connectedAtMs = 0;
ulong    g_lastFrameMs = 0;      // any frame from the gateway (the socket is alive)
ulong    g_lastEngineBeatMs = 0; // the engine's own HEARTBEAT (the business logic is alive); 0 = never heard
ulong    g_nextHeartbeatMs = 0;
ulong    g_nextSnapshotMs = 0;
bool     g_snapshotDue = true;
bool     g_streaming = false;
int      g_lastPermissions = -1;
double   g_lastBalance = 0;
double   g_lastCredit = 0;
ulong    g_nextBalanceScanMs = 0;
bool     g_balanceScanDue = true;
bool     g_localFloorHolding = false;
ulong    g_nextFloorAttemptMs = 0;
long     g_clockSecond = 0;      // NowMillis: the TimeGMT() second last seen ...
ulong    g_clockTickMs = 0;      // ... and the tick count when it began
long     g_lastNowMillis = 0;

//+------------------------------------------------------------------+
int OnInit()
  {
   g_startMs = GetTickCount64();
   g_clockSecond = (long)TimeGMT();
   g_clockTickMs = g_startMs;
   if(!LoadSymbols())
      return INIT_PARAMETERS_INCORRECT;
   ArrayResize(g_in, 4 * RF_MAX_FRAME);
   g_instanceId = NewInstanceId();
   g_lastBalance = AccountInfoDouble(ACCOUNT_BALANCE);
   g_lastCredit = AccountInfoDouble(ACCOUNT_CREDIT);
   ForgetOldSentRecords();
   if(!GlobalVariableCheck(LastBalanceDealKey()))
      GlobalVariableSet(LastBalanceDealKey(), (double)NewestBalanceDeal());
   ReportPermissionsIfChanged();
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
     }
   else if(!SocketIsConnected(g_socket))
      Disconnect("connection lost");
   else
     {
      Receive();
      now = GetTickCount64();
      if(g_socket != INVALID_HANDLE)
         CheckDeadlines(now);
      if(g_socket != INVALID_HANDLE && g_state == RF_READY)
         Stream(now);
      if(g_socket != INVALID_HANDLE)
         ServiceHeartbeat();
     }
   LocalFloorCheck(GetTickCount64());
  }

//| The handshake deadline and the dead-peer rule. |
void CheckDeadlines(const ulong now)
  {
   if(g_state == RF_HANDSHAKE && now - g_connectedAtMs >= (ulong)InpHandshakeTimeoutSec * 1000)
     {
      Print("RingfenceBridge: the gateway accepted the connection but sent no HELLO_ACK within ", InpHandshakeTimeoutSec,
            " s (is this the Ringfence gateway port?): reconnecting");
      Disconnect("handshake timeout");
      return;
     }
   if(now - g_lastFrameMs >= (ulong)InpDeadPeerSec * 1000)
      Disconnect("nothing heard from the gateway for " + IntegerToString(InpDeadPeerSec) + " s");
  }

//| Reports flow only while the engine's business logic is heard: a stuck engine is not flooded. |
void Stream(const ulong now)
  {
   bool engineAlive = g_lastEngineBeatMs != 0 && now - g_lastEngineBeatMs < (ulong)InpStreamPauseSec * 1000;
   if(!engineAlive)
     {
      if(g_streaming)
         Print("RingfenceBridge: no heartbeat from the engine for ", InpStreamPauseSec, " s: reports paused");
      g_streaming = false;
      return;
     }
   if(!g_streaming)
     {
      g_streaming = true;
      g_snapshotDue = true;
     }
   SendTicks();
   if(g_socket != INVALID_HANDLE)
      SendBalanceOperations(now);
   if(g_socket != INVALID_HANDLE && (g_snapshotDue || now >= g_nextSnapshotMs))
     {
      SendAccount();
      SendPositions();
      g_snapshotDue = false;
      g_nextSnapshotMs = now + 1000;
     }
  }

//| Our heartbeat, once a second: called from the timer and between trades, so a batch of orders never starves it. |
void ServiceHeartbeat()
  {
   ulong now = GetTickCount64();
   if(g_socket == INVALID_HANDLE || g_state != RF_READY || now < g_nextHeartbeatMs)
      return;
   RfHeartbeat hb;
   hb.nanos = (long)GetMicrosecondCount() * 1000;
   SendHeartbeat(RF_HEARTBEAT, hb);
   g_nextHeartbeatMs = now + 1000;
  }

//+------------------------------------------------------------------+
//| A trade happened: positions and account go out at once; a deal   |
//| that closed (part of) a position is reported with its reason,    |
//| profit and the volume left. OnTradeTransaction is only a hint    |
//| (it can be lost or reordered): the periodic snapshot stays the   |
//| ledger.                                                          |
//+------------------------------------------------------------------+
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   g_snapshotDue = true;
   if(trans.type != TRADE_TRANSACTION_DEAL_ADD)
      return;
   if(trans.deal_type == DEAL_TYPE_BALANCE || trans.deal_type == DEAL_TYPE_CREDIT || trans.deal_type == DEAL_TYPE_BONUS)
     {
      g_balanceScanDue = true;
      return;
     }
   if(g_state != RF_READY || !HistoryDealSelect(trans.deal))
      return;
   long entry = HistoryDealGetInteger(trans.deal, DEAL_ENTRY);
   if(entry != DEAL_ENTRY_OUT && entry != DEAL_ENTRY_OUT_BY && entry != DEAL_ENTRY_INOUT)
      return;
   long positionId = HistoryDealGetInteger(trans.deal, DEAL_POSITION_ID);
   double dealVolume = HistoryDealGetDouble(trans.deal, DEAL_VOLUME);
   double remaining = 0;
   double closed = dealVolume;
   if(PositionSelectByTicket((ulong)positionId))
     {
      if(entry == DEAL_ENTRY_INOUT)
         closed = dealVolume - PositionGetDouble(POSITION_VOLUME);   // a reversal: the old side is gone, the rest opened the new one
      else
         remaining = PositionGetDouble(POSITION_VOLUME);
     }
   RfPositionClosed m;
   m.timeMillis = NowMillis();
   m.ticket = positionId;
   m.profit = HistoryDealGetDouble(trans.deal, DEAL_PROFIT) + HistoryDealGetDouble(trans.deal, DEAL_SWAP)
              + HistoryDealGetDouble(trans.deal, DEAL_COMMISSION) + HistoryDealGetDouble(trans.deal, DEAL_FEE);
   m.reason = CloseReasonOf(HistoryDealGetInteger(trans.deal, DEAL_REASON), (ulong)HistoryDealGetInteger(trans.deal, DEAL_MAGIC));
   m.reserved = 0;
   m.closedVolume = closed;
   m.remainingVolume = remaining;
   uchar body[];
   StructToCharArray(m, body);
   SendFrame(RF_POSITION_CLOSED, body);
  }

//| "engine" only for a deal carrying one of the engine's close ids; another program's close is "unknown". |
int CloseReasonOf(const long reason, const ulong magic)
  {
   if(reason == DEAL_REASON_SL)
      return RF_CLOSE_STOP_LOSS;
   if(reason == DEAL_REASON_TP)
      return RF_CLOSE_TAKE_PROFIT;
   if(reason == DEAL_REASON_CLIENT || reason == DEAL_REASON_MOBILE || reason == DEAL_REASON_WEB)
      return RF_CLOSE_MANUAL;
   if(reason == DEAL_REASON_SO)
      return RF_CLOSE_STOP_OUT;
   if(reason == DEAL_REASON_EXPERT && magic == (ulong)RF_LOCAL_FLOOR_MAGIC)
      return RF_CLOSE_LOCAL_FLOOR;
   if(reason == DEAL_REASON_EXPERT && (magic & (ulong)RF_CLOSE_ID_BIT) != 0)
      return RF_CLOSE_ENGINE;
   return RF_CLOSE_UNKNOWN;
  }

//+------------------------------------------------------------------+
//| Connection                                                       |
//+------------------------------------------------------------------+
void Connect()
  {
   ResetLastError();
   g_socket = SocketCreate();
   if(g_socket == INVALID_HANDLE)
     {
      Print("RingfenceBridge: SocketCreate failed, error ", GetLastError());
      Backoff();
      return;
     }
   if(!SocketConnect(g_socket, InpHost, InpPort, 1000))
     {
      int error = GetLastError();
      if(error == 4014)
         Print("RingfenceBridge: the terminal does not allow a connection to ", InpHost,
               " (error 4014): add it under Tools > Options > Expert Advisors > 'Allow WebRequest for listed URL'");
      else
         Print("RingfenceBridge: cannot connect to ", InpHost, ":", InpPort, ", error ", error, " (is the Ringfence engine running?)");
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      Backoff();
      return;
     }
   // Without a send timeout a gateway that stops reading would block the terminal's thread for ever.
   SocketTimeouts(g_socket, InpSendTimeoutMillis, 0);
   g_inLength = 0;
   g_state = RF_HANDSHAKE;
   g_streaming = false;
   g_connectedAtMs = GetTickCount64();
   g_lastFrameMs = g_connectedAtMs;
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
      Backoff();
     }
   g_socket = INVALID_HANDLE;
   g_state = RF_DISCONNECTED;
   g_streaming = false;
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
      ResetLastError();
      int got = SocketRead(g_socket, chunk, want, 10);
      if(got <= 0)
        {
         // SocketIsReadable can report bytes that are not there yet: a read that times out with no error
         // is not a failure (a dead peer is caught by SocketIsConnected and the dead-peer rule).
         int error = GetLastError();
         if(error != 0)
            Disconnect("read failed, error " + IntegerToString(error));
         return;
        }
      ArrayCopy(g_in, chunk, g_inLength, 0, got);
      g_inLength += got;
      ParseFrames();
      readable = g_socket == INVALID_HANDLE ? 0 : SocketIsReadable(g_socket);
     }
  }

//| The body length of each message the gateway may send (-1: the gateway never sends this type). |
int InboundBodyLength(const ushort type)
  {
   switch(type)
     {
      case RF_HELLO_ACK:      return 48;
      case RF_HEARTBEAT:      return 8;
      case RF_HEARTBEAT_ECHO: return 8;
      case RF_ORDER_NEW:      return 64;
      case RF_CLOSE_POSITION: return 24;
      case RF_RESYNC:         return 8;
      case RF_ERROR:          return 40;
     }
   return -1;
  }

void ParseFrames()
  {
   int position = 0;
   while(g_inLength - position >= RF_HEADER)
     {
      RfHeader header;
      if(!CharArrayToStruct(header, g_in, position))
        {
         Disconnect("cannot decode a frame header");
         return;
        }
      if(header.length < RF_HEADER || header.length > RF_MAX_FRAME || header.version != RF_VERSION)
        {
         Disconnect(StringFormat("malformed frame from the gateway: length %u, version %u (this EA speaks version %d)",
                                 header.length, header.version, RF_VERSION));
         return;
        }
      if(g_inLength - position < (int)header.length)
         break;
      int expected = InboundBodyLength(header.type);
      if(expected < 0 || (int)header.length != RF_HEADER + expected)
        {
         Disconnect(StringFormat("malformed frame from the gateway: type %u with %u bytes", header.type, header.length));
         return;
        }
      g_lastFrameMs = GetTickCount64();
      if(g_state == RF_HANDSHAKE && header.type != RF_HELLO_ACK && header.type != RF_ERROR)
        {
         Disconnect(StringFormat("message type %u before HELLO_ACK", header.type));
         return;
        }
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
         if(!CharArrayToStruct(ack, g_in, at))
            break;
         if(ack.accepted != 1)
           {
            string reason = CharArrayToString(ack.reason);
            if(reason == "SECRET")
               Print("RingfenceBridge: the engine refused this terminal: wrong secret (set InpSecret to the engine's gateway.secret)");
            else if(reason == "LOGIN")
               Print("RingfenceBridge: the engine refused this terminal: account ", AccountInfoInteger(ACCOUNT_LOGIN),
                     " is not the account the engine is bound to");
            else if(reason == "BUSY")
               Print("RingfenceBridge: the engine refused this terminal: another terminal is connected");
            else
               Print("RingfenceBridge: the engine refused this terminal: ", reason);
            Disconnect("refused");
            return;
           }
         g_state = RF_READY;
         g_backoffMs = 1000;
         g_nextHeartbeatMs = 0;
         Print("RingfenceBridge: connected to the Ringfence engine");
         SendSymbols();
         SendAccount();
         SendPositions();
         g_snapshotDue = false;
         g_nextSnapshotMs = GetTickCount64() + 1000;
         break;
        }
      case RF_HEARTBEAT:
        {
         RfHeartbeat hb;
         if(!CharArrayToStruct(hb, g_in, at))
            break;
         // Only the engine's own heartbeat proves its business logic runs (an echo is sent by the gateway's I/O thread).
         g_lastEngineBeatMs = GetTickCount64();
         if(g_localFloorHolding)
           {
            Print("RingfenceBridge: the engine is heard again: the local floor hands over to it");
            g_localFloorHolding = false;
           }
         SendHeartbeat(RF_HEARTBEAT_ECHO, hb);
         break;
        }
      case RF_ORDER_NEW:
        {
         RfOrderNew o;
         if(!CharArrayToStruct(o, g_in, at))
            break;
         ExecuteOrder(o);
         ServiceHeartbeat();
         break;
        }
      case RF_CLOSE_POSITION:
        {
         RfClosePosition c;
         if(!CharArrayToStruct(c, g_in, at))
            break;
         ClosePosition(c, c.clientOrderId);
         ServiceHeartbeat();
         break;
        }
      case RF_RESYNC:
        {
         RfResync r;
         if(!CharArrayToStruct(r, g_in, at))
            break;
         SendAccount();
         SendPositions();
         if(r.lookupClientOrderId != 0)
            AnswerLookup(r.lookupClientOrderId);
         break;
        }
      case RF_ERROR:
        {
         RfError e;
         if(!CharArrayToStruct(e, g_in, at))
            break;
         Print("RingfenceBridge: the engine reports error ", e.code, ": ", CharArrayToString(e.reason));
         break;
        }
      default:
         break;   // HEARTBEAT_ECHO: nothing to do
     }
  }

//+------------------------------------------------------------------+
//| Orders, exactly once. Before an order is sent, its id is         |
//| recorded in a terminal global variable (kept across restarts);   |
//| a repeat of a recorded id is never sent again: it is answered    |
//| with what the terminal shows (done), or "lookup pending" while   |
//| the terminal does not show it yet. The record is dropped only    |
//| when the server said for certain that nothing executed.          |
//+------------------------------------------------------------------+
void ExecuteOrder(const RfOrderNew &o)
  {
   long existingTicket;
   double existingPrice, existingVolume;
   if(FindByMagic((ulong)o.clientOrderId, existingTicket, existingPrice, existingVolume))
     {
      // Already executed (a resend after a lost reply, or a restart): answer with what exists.
      SendResult(o.clientOrderId, TRADE_RETCODE_DONE, existingTicket, existingPrice, existingVolume, 0);
      return;
     }
   if(GlobalVariableCheck(SentKey(o.clientOrderId)))
     {
      SendResult(o.clientOrderId, RF_LOOKUP_PENDING, 0, 0, 0, 0);
      return;
     }
   if(NowMillis() > o.expiresAt)
     {
      SendResult(o.clientOrderId, RF_EXPIRED_COMMAND, 0, 0, 0, 0);
      return;
     }
   string engineSymbol = CharArrayToString(o.symbol);
   string symbol = BrokerSymbol(engineSymbol);
   if(symbol == "")
     {
      Print("RingfenceBridge: order ", o.clientOrderId, " refused: ", engineSymbol, " is not available at this broker");
      SendResult(o.clientOrderId, TRADE_RETCODE_INVALID, 0, 0, 0, 0);
      return;
     }
   double volume = NormalizeVolume(symbol, o.volume);
   if(volume <= 0)
     {
      Print("RingfenceBridge: order ", o.clientOrderId, " refused: volume ", o.volume, " is outside ", symbol, "'s volume limits");
      SendResult(o.clientOrderId, TRADE_RETCODE_INVALID_VOLUME, 0, 0, 0, 0);
      return;
     }
   MqlTradeRequest request;
   MqlTradeResult result;
   ZeroMemory(request);
   ZeroMemory(result);
   request.action = TRADE_ACTION_DEAL;
   request.symbol = symbol;
   request.volume = volume;
   request.type = o.side == 0 ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
   request.price = o.side == 0 ? SymbolInfoDouble(symbol, SYMBOL_ASK) : SymbolInfoDouble(symbol, SYMBOL_BID);
   request.sl = NormalizePrice(symbol, o.stopLoss);
   request.tp = NormalizePrice(symbol, o.takeProfit);
   request.deviation = InpSlippagePoints;
   request.magic = (ulong)o.clientOrderId;
   request.comment = "rf " + IntegerToString(o.clientOrderId % 1000000000);
   GlobalVariableSet(SentKey(o.clientOrderId), (double)TimeGMT());
   GlobalVariablesFlush();
   SendWithFilling(request, result);
   if(!MayHaveExecuted(result.retcode))
      GlobalVariableDel(SentKey(o.clientOrderId));
   long ticket = 0;
   if(result.retcode == TRADE_RETCODE_DONE || result.retcode == TRADE_RETCODE_DONE_PARTIAL || result.retcode == TRADE_RETCODE_PLACED)
      ticket = PositionIdOf(result, symbol);
   SendResult(o.clientOrderId, (int)result.retcode, ticket, result.price, result.volume, 0);
   g_snapshotDue = true;
  }

//| A close of (part of) a position, once per close id; the local floor uses its own magic and no id. |
void ClosePosition(const RfClosePosition &c, const long closeId)
  {
   if(closeId != 0)
     {
      long doneTicket;
      double donePrice, doneVolume;
      if(FindCloseByMagic((ulong)closeId, doneTicket, donePrice, doneVolume))
        {
         SendResult(closeId, TRADE_RETCODE_DONE, doneTicket, donePrice, doneVolume, 0);
         return;
        }
      // Unlike an entry, a close whose first attempt is in doubt is sent again while its position is open:
      // it names the position, so it can never close more than is left nor open anything, and a flatten
      // must not wait on a lagging history.
     }
   if(!PositionSelectByTicket((ulong)c.ticket))
     {
      if(closeId != 0)
         SendResult(closeId, TRADE_RETCODE_POSITION_CLOSED, c.ticket, 0, 0, 0);
      return;
     }
   string symbol = PositionGetString(POSITION_SYMBOL);
   long type = PositionGetInteger(POSITION_TYPE);
   double positionVolume = PositionGetDouble(POSITION_VOLUME);
   double volume = positionVolume;
   if(c.volume > 0 && c.volume < positionVolume)
     {
      volume = NormalizeVolume(symbol, c.volume);
      double step = SymbolInfoDouble(symbol, SYMBOL_VOLUME_STEP);
      // A remainder below the minimum volume could never be closed on its own: close it all.
      if(volume <= 0 || positionVolume - volume < SymbolInfoDouble(symbol, SYMBOL_VOLUME_MIN) - step / 2)
         volume = positionVolume;
     }
   double profit = PositionGetDouble(POSITION_PROFIT) + PositionGetDouble(POSITION_SWAP);
   if(volume < positionVolume)
      profit = profit * volume / positionVolume;
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
   request.magic = closeId != 0 ? (ulong)closeId : (ulong)RF_LOCAL_FLOOR_MAGIC;
   if(closeId != 0)
     {
      GlobalVariableSet(SentKey(closeId), (double)TimeGMT());
      GlobalVariablesFlush();
     }
   SendWithFilling(request, result);
   if(closeId != 0 && !MayHaveExecuted(result.retcode))
      GlobalVariableDel(SentKey(closeId));
   if(closeId != 0)
      SendResult(closeId, (int)result.retcode, c.ticket, result.price, result.volume, profit);
   else if(result.retcode != TRADE_RETCODE_DONE && result.retcode != TRADE_RETCODE_DONE_PARTIAL && result.retcode != TRADE_RETCODE_PLACED)
      PrintFormat("RingfenceBridge: local floor: close of position %I64d failed: retcode %u", c.ticket, result.retcode);
   g_snapshotDue = true;
  }

//| A trade server code after which the order may exist: done, placed, or an answer that never came. |
bool MayHaveExecuted(const uint retcode)
  {
   return retcode == TRADE_RETCODE_DONE || retcode == TRADE_RETCODE_DONE_PARTIAL || retcode == TRADE_RETCODE_PLACED
          || retcode == TRADE_RETCODE_TIMEOUT || retcode == TRADE_RETCODE_CONNECTION || retcode == TRADE_RETCODE_ERROR;
  }

//| OrderSend with the symbol's filling mode; a 10030 (filling refused) is tried once more with the other mode. |
void SendWithFilling(MqlTradeRequest &request, MqlTradeResult &result)
  {
   request.type_filling = (ENUM_ORDER_TYPE_FILLING)FillingFor(request.symbol, -1);
   ResetLastError();
   if(!OrderSend(request, result))
      PrintFormat("RingfenceBridge: OrderSend %s failed: retcode %u, error %d", request.symbol, result.retcode, GetLastError());
   if(result.retcode != TRADE_RETCODE_INVALID_FILL)
      return;
   long other = FillingFor(request.symbol, request.type_filling);
   if(other < 0)
      return;
   request.type_filling = (ENUM_ORDER_TYPE_FILLING)other;
   ZeroMemory(result);
   ResetLastError();
   if(!OrderSend(request, result))
      PrintFormat("RingfenceBridge: OrderSend %s (second filling mode) failed: retcode %u, error %d", request.symbol, result.retcode, GetLastError());
  }

//| The filling mode for a market order: FOK, else IOC, as the symbol allows; RETURN only under exchange |
//| execution (market execution refuses it); request and instant execution always take FOK. |
//| except >= 0: the mode that was just refused, so the next one allowed is returned (-1: none left). |
long FillingFor(const string symbol, const long except)
  {
   long modes = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
   long execution = SymbolInfoInteger(symbol, SYMBOL_TRADE_EXEMODE);
   if(execution == SYMBOL_TRADE_EXECUTION_REQUEST || execution == SYMBOL_TRADE_EXECUTION_INSTANT)
      return except == ORDER_FILLING_FOK ? -1 : ORDER_FILLING_FOK;
   if((modes & SYMBOL_FILLING_FOK) != 0 && except != ORDER_FILLING_FOK && except != ORDER_FILLING_IOC)
      return ORDER_FILLING_FOK;
   if((modes & SYMBOL_FILLING_IOC) != 0 && except != ORDER_FILLING_IOC)
      return ORDER_FILLING_IOC;
   if(execution == SYMBOL_TRADE_EXECUTION_EXCHANGE && except != ORDER_FILLING_RETURN)
      return ORDER_FILLING_RETURN;
   if(except < 0)
      return (modes & SYMBOL_FILLING_IOC) != 0 ? ORDER_FILLING_IOC : ORDER_FILLING_FOK;
   return -1;
  }

//| Volume rounded down to the symbol's step and capped at its maximum; 0 when below its minimum. |
double NormalizeVolume(const string symbol, const double volume)
  {
   double step = SymbolInfoDouble(symbol, SYMBOL_VOLUME_STEP);
   double min = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MIN);
   double max = SymbolInfoDouble(symbol, SYMBOL_VOLUME_MAX);
   if(step <= 0 || !MathIsValidNumber(volume))
      return 0;
   double steps = MathFloor(volume / step + 1e-7);
   double normalized = NormalizeDouble(steps * step, 8);
   if(max > 0 && normalized > max)
      normalized = NormalizeDouble(MathFloor(max / step + 1e-7) * step, 8);
   if(normalized < min - step / 2)
      return 0;
   return normalized;
  }

//| A stop or target price on the symbol's tick grid (0 stays 0: none). |
double NormalizePrice(const string symbol, const double price)
  {
   if(price <= 0)
      return 0;
   double tick = SymbolInfoDouble(symbol, SYMBOL_TRADE_TICK_SIZE);
   int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
   if(tick > 0)
      return NormalizeDouble(MathRound(price / tick) * tick, digits);
   return NormalizeDouble(price, digits);
  }

void AnswerLookup(const long clientOrderId)
  {
   long ticket;
   double price, volume;
   bool found = (clientOrderId & RF_CLOSE_ID_BIT) != 0
                ? FindCloseByMagic((ulong)clientOrderId, ticket, price, volume)
                : FindByMagic((ulong)clientOrderId, ticket, price, volume);
   if(found)
      SendResult(clientOrderId, TRADE_RETCODE_DONE, ticket, price, volume, 0);
   else if(GlobalVariableCheck(SentKey(clientOrderId)))
      SendResult(clientOrderId, RF_LOOKUP_PENDING, 0, 0, 0, 0);   // sent, but the terminal's history does not show it yet
   else
      SendResult(clientOrderId, RF_NOT_FOUND, 0, 0, 0, 0);
  }

//| Where an order with this magic opened a position: open positions, pending orders, then the history's |
//| opening deals and filled orders (over the records' lifetime, on the server's clock).                 |
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
   if(!SelectRecordHistory())
      return false;
   for(int i = HistoryDealsTotal() - 1; i >= 0; i--)
     {
      ulong d = HistoryDealGetTicket(i);
      if(d == 0 || (ulong)HistoryDealGetInteger(d, DEAL_MAGIC) != magic)
         continue;
      long entry = HistoryDealGetInteger(d, DEAL_ENTRY);
      if(entry != DEAL_ENTRY_IN && entry != DEAL_ENTRY_INOUT)
         continue;
      ticket = HistoryDealGetInteger(d, DEAL_POSITION_ID);
      price = HistoryDealGetDouble(d, DEAL_PRICE);
      volume = HistoryDealGetDouble(d, DEAL_VOLUME);
      return true;
     }
   return FindHistoryOrder(magic, ticket, price, volume);
  }

//| Where a close with this id executed: its closing deals, then its filled order. |
bool FindCloseByMagic(const ulong magic, long &ticket, double &price, double &volume)
  {
   if(!SelectRecordHistory())
      return false;
   for(int i = HistoryDealsTotal() - 1; i >= 0; i--)
     {
      ulong d = HistoryDealGetTicket(i);
      if(d == 0 || (ulong)HistoryDealGetInteger(d, DEAL_MAGIC) != magic)
         continue;
      long entry = HistoryDealGetInteger(d, DEAL_ENTRY);
      if(entry != DEAL_ENTRY_OUT && entry != DEAL_ENTRY_OUT_BY && entry != DEAL_ENTRY_INOUT)
         continue;
      ticket = HistoryDealGetInteger(d, DEAL_POSITION_ID);
      price = HistoryDealGetDouble(d, DEAL_PRICE);
      volume = HistoryDealGetDouble(d, DEAL_VOLUME);
      return true;
     }
   return FindHistoryOrder(magic, ticket, price, volume);
  }

//| A filled (or partly filled) history order carrying the magic: it executed even if its deal is not visible yet. |
bool FindHistoryOrder(const ulong magic, long &ticket, double &price, double &volume)
  {
   for(int i = HistoryOrdersTotal() - 1; i >= 0; i--)
     {
      ulong t = HistoryOrderGetTicket(i);
      if(t == 0 || (ulong)HistoryOrderGetInteger(t, ORDER_MAGIC) != magic)
         continue;
      long state = HistoryOrderGetInteger(t, ORDER_STATE);
      if(state != ORDER_STATE_FILLED && state != ORDER_STATE_PARTIAL)
         continue;
      long positionId = HistoryOrderGetInteger(t, ORDER_POSITION_ID);
      ticket = positionId != 0 ? positionId : (long)t;
      price = HistoryOrderGetDouble(t, ORDER_PRICE_OPEN);
      volume = HistoryOrderGetDouble(t, ORDER_VOLUME_INITIAL) - HistoryOrderGetDouble(t, ORDER_VOLUME_CURRENT);
      return true;
     }
   return false;
  }

//| The history over the sent records' lifetime, on the server's running clock (TimeCurrent() stops with the quotes). |
bool SelectRecordHistory()
  {
   datetime serverNow = TimeTradeServer();
   return HistorySelect(serverNow - (datetime)InpSentRecordDays * 86400, serverNow + 86400);
  }

//| The position an order opened or added to: its deal's position id; while the deal is not visible, the |
//| symbol's one position on a netting account, or the order ticket (a hedging position's id is its order's ticket). |
long PositionIdOf(const MqlTradeResult &result, const string symbol)
  {
   if(result.deal != 0 && HistoryDealSelect(result.deal))
      return HistoryDealGetInteger(result.deal, DEAL_POSITION_ID);
   if(AccountInfoInteger(ACCOUNT_MARGIN_MODE) != ACCOUNT_MARGIN_MODE_RETAIL_HEDGING && PositionSelect(symbol))
      return PositionGetInteger(POSITION_IDENTIFIER);
   return (long)result.order;
  }

//+------------------------------------------------------------------+
//| Sent records: one terminal global variable per id, named with    |
//| the account, value = GMT seconds when sent.                      |
//+------------------------------------------------------------------+
string SentKey(const long clientOrderId)
  {
   return "rf." + IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + "." + IntegerToString(clientOrderId);
  }

void ForgetOldSentRecords()
  {
   string prefix = "rf." + IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + ".";
   double oldest = (double)TimeGMT() - (double)InpSentRecordDays * 86400;
   for(int i = GlobalVariablesTotal() - 1; i >= 0; i--)
     {
      string name = GlobalVariableName(i);
      if(StringFind(name, prefix) == 0 && name != LastBalanceDealKey() && GlobalVariableGet(name) < oldest)
         GlobalVariableDel(name);
     }
  }

//| A new id for each start of the EA: GMT milliseconds and a per-terminal start counter. |
long NewInstanceId()
  {
   string key = "rf.instances";
   double starts = GlobalVariableCheck(key) ? GlobalVariableGet(key) + 1 : 1;
   GlobalVariableSet(key, starts);
   return (NowMillis() << 10) | ((long)starts & 1023);
  }

//+------------------------------------------------------------------+
//| Symbols: the engine's names, each resolved to the broker's.      |
//+------------------------------------------------------------------+
bool LoadSymbols()
  {
   string entries[];
   int n = StringSplit(InpSymbols, ',', entries);
   if(n <= 0)
     {
      Print("RingfenceBridge: no symbols in InpSymbols");
      return false;
     }
   ArrayResize(g_engineNames, n);
   ArrayResize(g_brokerNames, n);
   ArrayResize(g_lastBid, n);
   ArrayResize(g_lastAsk, n);
   for(int i = 0; i < n; i++)
     {
      string entry = entries[i];
      StringTrimLeft(entry);
      StringTrimRight(entry);
      string engineName = entry;
      string brokerName = "";
      int equals = StringFind(entry, "=");
      if(equals > 0)
        {
         engineName = StringSubstr(entry, 0, equals);
         brokerName = StringSubstr(entry, equals + 1);
         StringTrimRight(engineName);
         StringTrimLeft(brokerName);
        }
      g_engineNames[i] = engineName;
      g_brokerNames[i] = ResolveBrokerSymbol(engineName, brokerName);
      g_lastBid[i] = 0;
      g_lastAsk[i] = 0;
      if(g_brokerNames[i] != "")
         SymbolSelect(g_brokerNames[i], true);
     }
   return true;
  }

//| The broker's name for an engine symbol: the configured one, the same name, or the one name that |
//| extends it with a suffix (EURUSD.m, EURUSDpro). "" (with the reason printed) when there is none. |
string ResolveBrokerSymbol(const string engineName, const string configured)
  {
   bool custom = false;
   if(configured != "")
     {
      if(SymbolExist(configured, custom))
         return configured;
      Print("RingfenceBridge: ", engineName, "=", configured, ": the broker has no symbol ", configured, "; ", engineName, " is not traded");
      return "";
     }
   if(SymbolExist(engineName, custom))
      return engineName;
   string found = "";
   int candidates = 0;
   for(int i = SymbolsTotal(false) - 1; i >= 0; i--)
     {
      string name = SymbolName(i, false);
      if(StringFind(name, engineName) == 0 && StringLen(name) > StringLen(engineName) && StringLen(name) <= StringLen(engineName) + 8)
        {
         candidates++;
         found = name;
        }
     }
   if(candidates == 1)
     {
      Print("RingfenceBridge: ", engineName, " is ", found, " at this broker");
      return found;
     }
   if(candidates > 1)
      Print("RingfenceBridge: ", engineName, " matches ", candidates, " symbols at this broker: name the one to trade in InpSymbols (",
            engineName, "=", found, "); ", engineName, " is not traded");
   else
      Print("RingfenceBridge: the broker has no symbol ", engineName, " (nor one with a suffix); ", engineName, " is not traded");
   return "";
  }

string BrokerSymbol(const string engineName)
  {
   for(int i = 0; i < ArraySize(g_engineNames); i++)
      if(g_engineNames[i] == engineName)
         return g_brokerNames[i];
   return "";
  }

//| The engine's name for a broker symbol (the broker's own name when the engine does not trade it). |
string EngineSymbol(const string brokerName)
  {
   for(int i = 0; i < ArraySize(g_brokerNames); i++)
      if(g_brokerNames[i] == brokerName)
         return g_engineNames[i];
   return brokerName;
  }

//+------------------------------------------------------------------+
//| Reports                                                          |
//+------------------------------------------------------------------+
void SendSymbols()
  {
   for(int i = 0; i < ArraySize(g_engineNames); i++)
     {
      string broker = g_brokerNames[i];
      if(broker == "")
         continue;
      RfSymbol s;
      PutAscii(s.symbol, g_engineNames[i]);
      s.contractSize = SymbolInfoDouble(broker, SYMBOL_TRADE_CONTRACT_SIZE);
      s.volumeMin = SymbolInfoDouble(broker, SYMBOL_VOLUME_MIN);
      s.volumeStep = SymbolInfoDouble(broker, SYMBOL_VOLUME_STEP);
      s.volumeMax = SymbolInfoDouble(broker, SYMBOL_VOLUME_MAX);
      s.digits = (int)SymbolInfoInteger(broker, SYMBOL_DIGITS);
      s.fillingModes = (int)SymbolInfoInteger(broker, SYMBOL_FILLING_MODE);
      PutAscii(s.brokerSymbol, broker);
      uchar body[];
      StructToCharArray(s, body);
      SendFrame(RF_SYMBOL, body);
     }
  }

//| New quotes go out, then the account (equity moves with them); nothing when nothing moved. |
void SendTicks()
  {
   bool moved = false;
   for(int i = 0; i < ArraySize(g_engineNames); i++)
     {
      MqlTick tick;
      if(g_brokerNames[i] == "" || !SymbolInfoTick(g_brokerNames[i], tick) || tick.bid <= 0 || tick.ask < tick.bid)
         continue;
      if(tick.bid == g_lastBid[i] && tick.ask == g_lastAsk[i])
         continue;
      g_lastBid[i] = tick.bid;
      g_lastAsk[i] = tick.ask;
      RfTick t;
      t.timeMillis = NowMillis();
      PutAscii(t.symbol, g_engineNames[i]);
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
   a.tradePermissions = ReportPermissionsIfChanged();
   a.reserved = 0;
   uchar body[];
   StructToCharArray(a, body);
   SendFrame(RF_ACCOUNT, body);
  }

//| The four switches that must all be on for this EA to trade; a change is printed once, in words. |
int ReportPermissionsIfChanged()
  {
   int permissions = 0;
   if(TerminalInfoInteger(TERMINAL_TRADE_ALLOWED) != 0)
      permissions |= RF_PERMIT_TERMINAL;
   if(MQLInfoInteger(MQL_TRADE_ALLOWED) != 0)
      permissions |= RF_PERMIT_PROGRAM;
   if(AccountInfoInteger(ACCOUNT_TRADE_ALLOWED) != 0)
      permissions |= RF_PERMIT_ACCOUNT;
   if(AccountInfoInteger(ACCOUNT_TRADE_EXPERT) != 0)
      permissions |= RF_PERMIT_EXPERT;
   if(permissions == g_lastPermissions)
      return permissions;
   g_lastPermissions = permissions;
   if((permissions & RF_PERMIT_TERMINAL) == 0)
      Print("RingfenceBridge: Algo Trading is off in the terminal (the toolbar's Algo Trading button): no order can be sent");
   if((permissions & RF_PERMIT_PROGRAM) == 0)
      Print("RingfenceBridge: this EA may not trade: tick 'Allow Algo Trading' in its properties (Common tab)");
   if((permissions & RF_PERMIT_ACCOUNT) == 0)
      Print("RingfenceBridge: trading is disabled for this account (investor password, or disabled by the broker)");
   if((permissions & RF_PERMIT_EXPERT) == 0)
      Print("RingfenceBridge: the broker does not let Expert Advisors trade on this account");
   if(permissions == (RF_PERMIT_TERMINAL | RF_PERMIT_PROGRAM | RF_PERMIT_ACCOUNT | RF_PERMIT_EXPERT))
      Print("RingfenceBridge: trading is permitted (terminal, EA, account, broker)");
   return permissions;
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
      PutAscii(p.symbol, EngineSymbol(PositionGetString(POSITION_SYMBOL)));
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

//+------------------------------------------------------------------+
//| Deposits, withdrawals, credit and bonuses: each balance deal is  |
//| reported once, by its ticket (the newest reported one is kept in |
//| a global variable, so a restart or a weekend loses none and      |
//| repeats none). Scanned when the balance or credit moves, when a  |
//| transaction says so, and every minute (history can lag).         |
//+------------------------------------------------------------------+
void SendBalanceOperations(const ulong now)
  {
   double balance = AccountInfoDouble(ACCOUNT_BALANCE);
   double credit = AccountInfoDouble(ACCOUNT_CREDIT);
   if(balance != g_lastBalance || credit != g_lastCredit)
      g_balanceScanDue = true;
   if(!g_balanceScanDue && now < g_nextBalanceScanMs)
      return;
   g_lastBalance = balance;
   g_lastCredit = credit;
   g_balanceScanDue = false;
   g_nextBalanceScanMs = now + 60000;
   ulong last = (ulong)GlobalVariableGet(LastBalanceDealKey());
   if(!SelectRecordHistory())
      return;
   int total = HistoryDealsTotal();
   for(int i = 0; i < total; i++)
     {
      ulong d = HistoryDealGetTicket(i);
      if(d == 0 || d <= last || !IsBalanceDeal(HistoryDealGetInteger(d, DEAL_TYPE)))
         continue;
      RfBalance m;
      m.timeMillis = NowMillis();
      m.amount = HistoryDealGetDouble(d, DEAL_PROFIT);
      m.dealTicket = (long)d;
      m.dealType = (int)HistoryDealGetInteger(d, DEAL_TYPE);
      m.reserved = 0;
      uchar body[];
      StructToCharArray(m, body);
      SendFrame(RF_BALANCE_OPERATION, body);
      if(g_socket == INVALID_HANDLE)
         return;
      last = d;
      GlobalVariableSet(LastBalanceDealKey(), (double)last);
     }
  }

//| Money moved in or out by its owner or the broker: not trading results (commissions, fees, swaps are). |
bool IsBalanceDeal(const long dealType)
  {
   return dealType == DEAL_TYPE_BALANCE || dealType == DEAL_TYPE_CREDIT || dealType == DEAL_TYPE_BONUS;
  }

string LastBalanceDealKey()
  {
   return "rf." + IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + ".lastBalanceDeal";
  }

//| At the first start on an account, earlier deposits are history, not news. |
ulong NewestBalanceDeal()
  {
   ulong newest = 0;
   if(!SelectRecordHistory())
      return 0;
   for(int i = HistoryDealsTotal() - 1; i >= 0; i--)
     {
      ulong d = HistoryDealGetTicket(i);
      if(d > newest && IsBalanceDeal(HistoryDealGetInteger(d, DEAL_TYPE)))
         newest = d;
     }
   return newest;
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
   ResetLastError();
   if(SocketSend(g_socket, frame, (uint)ArraySize(frame)) != ArraySize(frame))
      Disconnect("send failed or timed out, error " + IntegerToString(GetLastError()));
  }

//+------------------------------------------------------------------+
//| Defence in depth: while the engine's business logic is silent    |
//| (connected or not, handshake or not), the EA closes positions    |
//| once equity is at or below the local floor, and keeps trying     |
//| every InpLocalFloorRetryMillis until none is left or the engine  |
//| is heard again. The silence counts from the EA's start when no   |
//| engine was ever heard.                                           |
//+------------------------------------------------------------------+
void LocalFloorCheck(const ulong now)
  {
   if(InpLocalEquityFloor <= 0)
      return;
   ulong heard = g_lastEngineBeatMs != 0 ? g_lastEngineBeatMs : g_startMs;
   if(now - heard < (ulong)InpEngineSilenceSec * 1000)
      return;
   if(!g_localFloorHolding)
     {
      double equity = AccountInfoDouble(ACCOUNT_EQUITY);
      if(equity > InpLocalEquityFloor)
         return;
      Print("RingfenceBridge: engine silent for ", (now - heard) / 1000, " s and equity ", DoubleToString(equity, 2),
            " at or below the local floor ", DoubleToString(InpLocalEquityFloor, 2), ": closing ",
            InpLocalFloorAllPositions ? "every position" : "the engine's positions");
      g_localFloorHolding = true;
      g_nextFloorAttemptMs = 0;
     }
   if(now < g_nextFloorAttemptMs)
      return;
   g_nextFloorAttemptMs = now + (ulong)InpLocalFloorRetryMillis;
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0)
         continue;
      if(!InpLocalFloorAllPositions && !GlobalVariableCheck(SentKey(PositionGetInteger(POSITION_MAGIC))))
         continue;
      RfClosePosition c;
      c.clientOrderId = 0;
      c.ticket = (long)ticket;
      c.volume = 0;
      ClosePosition(c, 0);
     }
  }

//+------------------------------------------------------------------+
//| Time: GMT milliseconds. TimeGMT() has one-second resolution, so  |
//| the second it reports is anchored to the millisecond tick count  |
//| at the moment it changes; the result never goes backwards.       |
//+------------------------------------------------------------------+
long NowMillis()
  {
   long second = (long)TimeGMT();
   ulong tick = GetTickCount64();
   if(second != g_clockSecond)
     {
      g_clockSecond = second;
      g_clockTickMs = tick;
     }
   long elapsed = (long)(tick - g_clockTickMs);
   if(elapsed > 999)
      elapsed = 999;
   long now = second * 1000 + elapsed;
   if(now < g_lastNowMillis)
      now = g_lastNowMillis;
   g_lastNowMillis = now;
   return now;
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
