// mql5.h: the part of the MQL5 language and standard library that the Ringfence Expert Advisor uses,
// mapped onto C++17 so that the translated .mq5 (Mql5Translator) compiles with g++ and runs against the
// harness runtime (runtime.cpp) and the model terminal (model_terminal.cpp).
//
// Every group cites the page of the official MQL5 reference it follows (https://www.mql5.com + path).
// Where the reference gives a constant's numeric value, that value is used; property identifiers
// (ENUM_*_PROPERTY_*, ENUM_*_INFO_*) have no documented numbers and are numbered here in reference order.
//
// Strings are std::string-backed and hold ASCII/UTF-8; MQL5's are UTF-16. For ASCII text (all the EA
// exchanges) lengths and positions agree; for other text they count bytes, not UTF-16 code units.
#pragma once

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace mql5
{
// ------------------------------------------------------------------ basic types
// /en/docs/basis/types/integer/integertypes, /en/docs/basis/types/double, /en/docs/basis/types/integer/color
typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef unsigned int color;
static_assert(sizeof(char) == 1 && sizeof(short) == 2 && sizeof(int) == 4 && sizeof(long) == 8, "MQL5 sizes");
static_assert(sizeof(float) == 4 && sizeof(double) == 8 && sizeof(bool) == 1, "MQL5 sizes");
static_assert(static_cast<char>(-1) < 0, "MQL5 char is signed");

// A critical runtime error of MQL5 (array out of range, zero divide, ...): the program is stopped.
// /en/docs/runtime/errors
struct CriticalError : std::runtime_error
{
    CriticalError(const std::string& what, const char* file, int line);
};
// Thrown out of a program's handler to kill it without OnDeinit (harness command crash-after-ordersend).
struct ProgramKilled
{
};

// An array index that remembers the .mq5 line that used it (through #line), for "array out of range".
struct Index
{
    long value;
    const char* file;
    int line;
    Index(const long v, const char* f = __builtin_FILE(), const int l = __builtin_LINE()) : value(v), file(f), line(l)
    {
    }
};
[[noreturn]] void array_out_of_range(const Index& index, long size);

// ------------------------------------------------------------------ datetime
// /en/docs/basis/types/integer/datetime: seconds since 1970.01.01, 8 bytes; arithmetic goes through long.
class datetime
{
public:
    datetime() = default;
    datetime(const long seconds) : value_(seconds)
    {
    }
    operator long() const
    {
        return value_;
    }
    datetime& operator+=(const long s)
    {
        value_ += s;
        return *this;
    }
    datetime& operator-=(const long s)
    {
        value_ -= s;
        return *this;
    }
    datetime& operator++()
    {
        ++value_;
        return *this;
    }
    datetime& operator--()
    {
        --value_;
        return *this;
    }

private:
    long value_ = 0;
};
static_assert(sizeof(datetime) == 8, "datetime is 8 bytes");

// ------------------------------------------------------------------ string
// /en/docs/basis/types/stringconst: a value type; here std::string-backed (ASCII/UTF-8, see above).
class string
{
public:
    string() = default;
    string(const char* text) : s_(text == nullptr ? "" : text)
    {
    }
    string(const std::string& text) : s_(text)
    {
    }
    string(std::string&& text) : s_(std::move(text))
    {
    }
    const std::string& str() const
    {
        return s_;
    }
    std::string& str()
    {
        return s_;
    }
    const char* c_str() const
    {
        return s_.c_str();
    }
    string& operator+=(const string& other)
    {
        s_ += other.s_;
        return *this;
    }
    friend string operator+(const string& a, const string& b)
    {
        return string(a.s_ + b.s_);
    }
    friend bool operator==(const string& a, const string& b)
    {
        return a.s_ == b.s_;
    }
    friend bool operator!=(const string& a, const string& b)
    {
        return a.s_ != b.s_;
    }
    friend bool operator<(const string& a, const string& b)
    {
        return a.s_ < b.s_;
    }
    friend bool operator>(const string& a, const string& b)
    {
        return a.s_ > b.s_;
    }
    friend bool operator<=(const string& a, const string& b)
    {
        return a.s_ <= b.s_;
    }
    friend bool operator>=(const string& a, const string& b)
    {
        return a.s_ >= b.s_;
    }

private:
    std::string s_;
};

// MQL5 converts a number to text when it is added to a string (with a compiler warning).
std::string number_text(long value);
std::string number_text(unsigned long value);
std::string number_text(double value);
template <class N, class = std::enable_if_t<std::is_arithmetic<N>::value>>
inline string operator+(const string& a, const N n)
{
    if constexpr (std::is_floating_point<N>::value)
    {
        return a + string(number_text(static_cast<double>(n)));
    }
    else if constexpr (std::is_signed<N>::value)
    {
        return a + string(number_text(static_cast<long>(n)));
    }
    else
    {
        return a + string(number_text(static_cast<unsigned long>(n)));
    }
}
template <class N, class = std::enable_if_t<std::is_arithmetic<N>::value>>
inline string operator+(const N n, const string& b)
{
    return string("") + n + b;
}

// ------------------------------------------------------------------ arrays
// /en/docs/basis/variables (arrays), /en/docs/array: dynamic arrays (T name[]) are MqlArray<T>; static
// arrays (T name[N]) are FixedArray<T, N>; a T &name[] parameter is ArrayRef<T>, which binds to both.
// Every access is range-checked: out of range is MQL5's critical error "array out of range".
template <class T>
class MqlArray
{
public:
    MqlArray() = default;
    MqlArray(const MqlArray& other)
    {
        copy_from(other);
    }
    MqlArray& operator=(const MqlArray& other)
    {
        if (this != &other)
        {
            copy_from(other);
        }
        return *this;
    }
    ~MqlArray()
    {
        delete[] data_;
    }
    T& operator[](const Index i)
    {
        check(i);
        return data_[i.value];
    }
    const T& operator[](const Index i) const
    {
        check(i);
        return data_[i.value];
    }
    int size() const
    {
        return size_;
    }
    T* data()
    {
        return data_;
    }
    const T* data() const
    {
        return data_;
    }
    // ArrayResize semantics: elements kept, new ones value-initialised, reserve is a capacity hint.
    bool resize(const int n, const int reserve)
    {
        if (n < 0)
        {
            return false;
        }
        const int wanted = n + (reserve > 0 ? reserve : 0);
        if (n > capacity_)
        {
            const int capacity = wanted > n ? wanted : n;
            T* grown = new T[capacity]();
            for (int k = 0; k < size_; k++)
            {
                grown[k] = std::move(data_[k]);
            }
            delete[] data_;
            data_ = grown;
            capacity_ = capacity;
        }
        for (int k = size_; k < n; k++)
        {
            data_[k] = T();
        }
        size_ = n;
        return true;
    }
    void free()
    {
        delete[] data_;
        data_ = nullptr;
        size_ = 0;
        capacity_ = 0;
    }

private:
    void check(const Index& i) const
    {
        if (i.value < 0 || i.value >= size_)
        {
            array_out_of_range(i, size_);
        }
    }
    void copy_from(const MqlArray& other)
    {
        resize(other.size_, 0);
        for (int k = 0; k < size_; k++)
        {
            data_[k] = other.data_[k];
        }
    }

    T* data_ = nullptr;
    int size_ = 0;
    int capacity_ = 0;
};

// A static array. Trivially copyable when T is, so it can live inside a packed protocol struct.
template <class T, int N>
struct FixedArray
{
    static_assert(N > 0, "a static array has at least one element");
    T v[N];

    T& operator[](const Index i)
    {
        check(i);
        return v[i.value];
    }
    const T& operator[](const Index i) const
    {
        check(i);
        return v[i.value];
    }
    static constexpr int size()
    {
        return N;
    }
    T* data()
    {
        return v;
    }
    const T* data() const
    {
        return v;
    }

private:
    static void check(const Index& i)
    {
        if (i.value < 0 || i.value >= N)
        {
            array_out_of_range(i, N);
        }
    }
};

// A reference to an array parameter (T &name[] / const T &name[]): a dynamic array (resizable through
// the reference, as in MQL5) or a static one.
template <class T>
class ArrayRef
{
    using Element = std::remove_const_t<T>;
    using Dynamic = std::conditional_t<std::is_const<T>::value, const MqlArray<Element>, MqlArray<Element>>;

public:
    ArrayRef(Dynamic& a) : dynamic_(&a)
    {
    }
    template <class U, class = std::enable_if_t<std::is_same<std::remove_const_t<U>, Element>::value && std::is_const<T>::value>>
    ArrayRef(const ArrayRef<U>& other) : dynamic_(other.dynamic_), fixed_(other.fixed_), fixed_size_(other.fixed_size_)
    {
    }
    template <int N>
    ArrayRef(FixedArray<Element, N>& a) : fixed_(a.v), fixed_size_(N)
    {
    }
    template <int N, class U = T, class = std::enable_if_t<std::is_const<U>::value>>
    ArrayRef(const FixedArray<Element, N>& a) : fixed_(a.v), fixed_size_(N)
    {
    }

    T& operator[](const Index i) const
    {
        if (i.value < 0 || i.value >= size())
        {
            array_out_of_range(i, size());
        }
        return data()[i.value];
    }
    int size() const
    {
        return dynamic_ != nullptr ? dynamic_->size() : fixed_size_;
    }
    T* data() const
    {
        return dynamic_ != nullptr ? dynamic_->data() : fixed_;
    }
    bool dynamic() const
    {
        return dynamic_ != nullptr;
    }
    // Only a non-const reference to a dynamic array can be resized.
    template <class U = T, class = std::enable_if_t<!std::is_const<U>::value>>
    bool resize(const int n, const int reserve) const
    {
        return dynamic_ != nullptr && dynamic_->resize(n, reserve);
    }
    template <class U = T, class = std::enable_if_t<!std::is_const<U>::value>>
    void free() const
    {
        if (dynamic_ != nullptr)
        {
            dynamic_->free();
        }
    }

private:
    template <class>
    friend class ArrayRef;
    Dynamic* dynamic_ = nullptr;
    T* fixed_ = nullptr;
    int fixed_size_ = 0;
};

// Uniform access to any of the three array shapes, for the library functions below.
template <class T>
inline ArrayRef<T> array_of(MqlArray<T>& a)
{
    return ArrayRef<T>(a);
}
template <class T>
inline ArrayRef<const T> array_of(const MqlArray<T>& a)
{
    return ArrayRef<const T>(a);
}
template <class T, int N>
inline ArrayRef<T> array_of(FixedArray<T, N>& a)
{
    return ArrayRef<T>(a);
}
template <class T, int N>
inline ArrayRef<const T> array_of(const FixedArray<T, N>& a)
{
    return ArrayRef<const T>(a);
}
template <class T>
inline ArrayRef<T> array_of(const ArrayRef<T>& a)
{
    return a;
}

// ------------------------------------------------------------------ constants
// /en/docs/constants/namedconstants/otherconstants
constexpr int INVALID_HANDLE = -1;
constexpr int WHOLE_ARRAY = -1;
constexpr int EMPTY = -1;
constexpr double EMPTY_VALUE = DBL_MAX;
constexpr uint clrNONE = 0xFFFFFFFFu;
// /en/docs/constants/io_constants/codepageusage
constexpr uint CP_ACP = 0;
constexpr uint CP_OEMCP = 1;
constexpr uint CP_MACCP = 2;
constexpr uint CP_THREAD_ACP = 3;
constexpr uint CP_SYMBOL = 42;
constexpr uint CP_UTF7 = 65000;
constexpr uint CP_UTF8 = 65001;
// /en/docs/convert/timetostring
constexpr int TIME_DATE = 1;
constexpr int TIME_MINUTES = 2;
constexpr int TIME_SECONDS = 4;

// /en/docs/basis/function/events (OnInit return codes)
enum ENUM_INIT_RETCODE : int
{
    INIT_SUCCEEDED = 0,
    INIT_FAILED = 1,
    INIT_PARAMETERS_INCORRECT = 2,
    INIT_AGENT_NOT_SUITABLE = 3
};
// /en/docs/constants/namedconstants/uninit
constexpr int REASON_PROGRAM = 0;
constexpr int REASON_REMOVE = 1;
constexpr int REASON_RECOMPILE = 2;
constexpr int REASON_CHARTCHANGE = 3;
constexpr int REASON_CHARTCLOSE = 4;
constexpr int REASON_PARAMETERS = 5;
constexpr int REASON_ACCOUNT = 6;
constexpr int REASON_TEMPLATE = 7;
constexpr int REASON_INITFAILED = 8;
constexpr int REASON_CLOSE = 9;

// /en/docs/constants/errorswarnings/errorcodes (runtime errors)
constexpr int ERR_SUCCESS = 0;
constexpr int ERR_INTERNAL_ERROR = 4001;
constexpr int ERR_WRONG_INTERNAL_PARAMETER = 4002;
constexpr int ERR_INVALID_PARAMETER = 4003;
constexpr int ERR_NOT_ENOUGH_MEMORY = 4004;
constexpr int ERR_STRUCT_WITHOBJECTS_ORCLASS = 4005;
constexpr int ERR_INVALID_ARRAY = 4006;
constexpr int ERR_ARRAY_RESIZE_ERROR = 4007;
constexpr int ERR_STRING_RESIZE_ERROR = 4008;
constexpr int ERR_NOTINITIALIZED_STRING = 4009;
constexpr int ERR_INVALID_DATETIME = 4010;
constexpr int ERR_ARRAY_BAD_SIZE = 4011;
constexpr int ERR_FUNCTION_NOT_ALLOWED = 4014;
constexpr int ERR_MATH_OVERFLOW = 4019;
constexpr int ERR_PROGRAM_STOPPED = 4022;
constexpr int ERR_MARKET_UNKNOWN_SYMBOL = 4301;
constexpr int ERR_MARKET_NOT_SELECTED = 4302;
constexpr int ERR_MARKET_WRONG_PROPERTY = 4303;
constexpr int ERR_MARKET_SELECT_ERROR = 4305;
constexpr int ERR_GLOBALVARIABLE_NOT_FOUND = 4501;
constexpr int ERR_GLOBALVARIABLE_EXISTS = 4502;
constexpr int ERR_GLOBALVARIABLE_NOT_MODIFIED = 4503;
constexpr int ERR_MQL5_WRONG_PROPERTY = 4512;
constexpr int ERR_TERMINAL_WRONG_PROPERTY = 4513;
constexpr int ERR_ACCOUNT_WRONG_PROPERTY = 4701;
constexpr int ERR_TRADE_WRONG_PROPERTY = 4751;
constexpr int ERR_TRADE_DISABLED = 4752;
constexpr int ERR_TRADE_POSITION_NOT_FOUND = 4753;
constexpr int ERR_TRADE_ORDER_NOT_FOUND = 4754;
constexpr int ERR_TRADE_DEAL_NOT_FOUND = 4755;
constexpr int ERR_TRADE_SEND_FAILED = 4756;
constexpr int ERR_WRONG_FORMATSTRING = 5037;
constexpr int ERR_TOO_MANY_FORMATTERS = 5038;
constexpr int ERR_TOO_MANY_PARAMETERS = 5039;
constexpr int ERR_STRINGPOS_OUTOFRANGE = 5041;
constexpr int ERR_SMALL_ARRAY = 5052;
constexpr int ERR_ZEROSIZE_ARRAY = 5053;
constexpr int ERR_NETSOCKET_INVALIDHANDLE = 5270;
constexpr int ERR_NETSOCKET_TOO_MANY_OPENED = 5271;
constexpr int ERR_NETSOCKET_CANNOT_CONNECT = 5272;
constexpr int ERR_NETSOCKET_IO_ERROR = 5273;
constexpr int ERR_NETSOCKET_HANDSHAKE_FAILED = 5274;
constexpr int ERR_NETSOCKET_NO_CERTIFICATE = 5275;
constexpr int ERR_USER_ERROR_FIRST = 65536;

// ------------------------------------------------------------------ trade constants
// /en/docs/constants/tradingconstants/enum_trade_request_actions
enum ENUM_TRADE_REQUEST_ACTIONS : int
{
    TRADE_ACTION_DEAL = 1,
    TRADE_ACTION_PENDING = 5,
    TRADE_ACTION_SLTP = 6,
    TRADE_ACTION_MODIFY = 7,
    TRADE_ACTION_REMOVE = 8,
    TRADE_ACTION_CLOSE_BY = 10
};
// /en/docs/constants/tradingconstants/orderproperties
enum ENUM_ORDER_TYPE : int
{
    ORDER_TYPE_BUY = 0,
    ORDER_TYPE_SELL = 1,
    ORDER_TYPE_BUY_LIMIT = 2,
    ORDER_TYPE_SELL_LIMIT = 3,
    ORDER_TYPE_BUY_STOP = 4,
    ORDER_TYPE_SELL_STOP = 5,
    ORDER_TYPE_BUY_STOP_LIMIT = 6,
    ORDER_TYPE_SELL_STOP_LIMIT = 7,
    ORDER_TYPE_CLOSE_BY = 8
};
enum ENUM_ORDER_STATE : int
{
    ORDER_STATE_STARTED = 0,
    ORDER_STATE_PLACED = 1,
    ORDER_STATE_CANCELED = 2,
    ORDER_STATE_PARTIAL = 3,
    ORDER_STATE_FILLED = 4,
    ORDER_STATE_REJECTED = 5,
    ORDER_STATE_EXPIRED = 6,
    ORDER_STATE_REQUEST_ADD = 7,
    ORDER_STATE_REQUEST_MODIFY = 8,
    ORDER_STATE_REQUEST_CANCEL = 9
};
enum ENUM_ORDER_TYPE_FILLING : int
{
    ORDER_FILLING_FOK = 0,
    ORDER_FILLING_IOC = 1,
    ORDER_FILLING_RETURN = 2,
    ORDER_FILLING_BOC = 3
};
enum ENUM_ORDER_TYPE_TIME : int
{
    ORDER_TIME_GTC = 0,
    ORDER_TIME_DAY = 1,
    ORDER_TIME_SPECIFIED = 2,
    ORDER_TIME_SPECIFIED_DAY = 3
};
enum ENUM_ORDER_REASON : int
{
    ORDER_REASON_CLIENT = 0,
    ORDER_REASON_MOBILE = 1,
    ORDER_REASON_WEB = 2,
    ORDER_REASON_EXPERT = 3,
    ORDER_REASON_SL = 4,
    ORDER_REASON_TP = 5,
    ORDER_REASON_SO = 6
};
enum ENUM_ORDER_PROPERTY_INTEGER : int
{
    ORDER_TICKET,
    ORDER_TIME_SETUP,
    ORDER_TYPE,
    ORDER_STATE,
    ORDER_TIME_EXPIRATION,
    ORDER_TIME_DONE,
    ORDER_TIME_SETUP_MSC,
    ORDER_TIME_DONE_MSC,
    ORDER_TYPE_FILLING,
    ORDER_TYPE_TIME,
    ORDER_MAGIC,
    ORDER_REASON,
    ORDER_POSITION_ID,
    ORDER_POSITION_BY_ID
};
enum ENUM_ORDER_PROPERTY_DOUBLE : int
{
    ORDER_VOLUME_INITIAL,
    ORDER_VOLUME_CURRENT,
    ORDER_PRICE_OPEN,
    ORDER_SL,
    ORDER_TP,
    ORDER_PRICE_CURRENT,
    ORDER_PRICE_STOPLIMIT
};
enum ENUM_ORDER_PROPERTY_STRING : int
{
    ORDER_SYMBOL,
    ORDER_COMMENT,
    ORDER_EXTERNAL_ID
};
// /en/docs/constants/tradingconstants/positionproperties
enum ENUM_POSITION_PROPERTY_INTEGER : int
{
    POSITION_TICKET,
    POSITION_TIME,
    POSITION_TIME_MSC,
    POSITION_TIME_UPDATE,
    POSITION_TIME_UPDATE_MSC,
    POSITION_TYPE,
    POSITION_MAGIC,
    POSITION_IDENTIFIER,
    POSITION_REASON
};
enum ENUM_POSITION_PROPERTY_DOUBLE : int
{
    POSITION_VOLUME,
    POSITION_PRICE_OPEN,
    POSITION_SL,
    POSITION_TP,
    POSITION_PRICE_CURRENT,
    POSITION_SWAP,
    POSITION_PROFIT
};
enum ENUM_POSITION_PROPERTY_STRING : int
{
    POSITION_SYMBOL,
    POSITION_COMMENT,
    POSITION_EXTERNAL_ID
};
enum ENUM_POSITION_TYPE : int
{
    POSITION_TYPE_BUY = 0,
    POSITION_TYPE_SELL = 1
};
enum ENUM_POSITION_REASON : int
{
    POSITION_REASON_CLIENT = 0,
    POSITION_REASON_MOBILE = 1,
    POSITION_REASON_WEB = 2,
    POSITION_REASON_EXPERT = 3
};
// /en/docs/constants/tradingconstants/dealproperties
enum ENUM_DEAL_PROPERTY_INTEGER : int
{
    DEAL_TICKET,
    DEAL_ORDER,
    DEAL_TIME,
    DEAL_TIME_MSC,
    DEAL_TYPE,
    DEAL_ENTRY,
    DEAL_MAGIC,
    DEAL_REASON,
    DEAL_POSITION_ID
};
enum ENUM_DEAL_PROPERTY_DOUBLE : int
{
    DEAL_VOLUME,
    DEAL_PRICE,
    DEAL_COMMISSION,
    DEAL_SWAP,
    DEAL_PROFIT,
    DEAL_FEE,
    DEAL_SL,
    DEAL_TP
};
enum ENUM_DEAL_PROPERTY_STRING : int
{
    DEAL_SYMBOL,
    DEAL_COMMENT,
    DEAL_EXTERNAL_ID
};
enum ENUM_DEAL_TYPE : int
{
    DEAL_TYPE_BUY = 0,
    DEAL_TYPE_SELL = 1,
    DEAL_TYPE_BALANCE = 2,
    DEAL_TYPE_CREDIT = 3,
    DEAL_TYPE_CHARGE = 4,
    DEAL_TYPE_CORRECTION = 5,
    DEAL_TYPE_BONUS = 6,
    DEAL_TYPE_COMMISSION = 7,
    DEAL_TYPE_COMMISSION_DAILY = 8,
    DEAL_TYPE_COMMISSION_MONTHLY = 9,
    DEAL_TYPE_COMMISSION_AGENT_DAILY = 10,
    DEAL_TYPE_COMMISSION_AGENT_MONTHLY = 11,
    DEAL_TYPE_INTEREST = 12,
    DEAL_TYPE_BUY_CANCELED = 13,
    DEAL_TYPE_SELL_CANCELED = 14,
    DEAL_DIVIDEND = 15,
    DEAL_DIVIDEND_FRANKED = 16,
    DEAL_TAX = 17
};
enum ENUM_DEAL_ENTRY : int
{
    DEAL_ENTRY_IN = 0,
    DEAL_ENTRY_OUT = 1,
    DEAL_ENTRY_INOUT = 2,
    DEAL_ENTRY_OUT_BY = 3
};
enum ENUM_DEAL_REASON : int
{
    DEAL_REASON_CLIENT = 0,
    DEAL_REASON_MOBILE = 1,
    DEAL_REASON_WEB = 2,
    DEAL_REASON_EXPERT = 3,
    DEAL_REASON_SL = 4,
    DEAL_REASON_TP = 5,
    DEAL_REASON_SO = 6,
    DEAL_REASON_ROLLOVER = 7,
    DEAL_REASON_VMARGIN = 8,
    DEAL_REASON_SPLIT = 9
};
// /en/docs/constants/tradingconstants/enum_trade_transaction_type
enum ENUM_TRADE_TRANSACTION_TYPE : int
{
    TRADE_TRANSACTION_ORDER_ADD = 0,
    TRADE_TRANSACTION_ORDER_UPDATE = 1,
    TRADE_TRANSACTION_ORDER_DELETE = 2,
    TRADE_TRANSACTION_HISTORY_ADD = 3,
    TRADE_TRANSACTION_HISTORY_UPDATE = 4,
    TRADE_TRANSACTION_HISTORY_DELETE = 5,
    TRADE_TRANSACTION_DEAL_ADD = 6,
    TRADE_TRANSACTION_DEAL_UPDATE = 7,
    TRADE_TRANSACTION_DEAL_DELETE = 8,
    TRADE_TRANSACTION_POSITION = 9,
    TRADE_TRANSACTION_REQUEST = 10
};
// /en/docs/constants/errorswarnings/enum_trade_return_codes
constexpr uint TRADE_RETCODE_REQUOTE = 10004;
constexpr uint TRADE_RETCODE_REJECT = 10006;
constexpr uint TRADE_RETCODE_CANCEL = 10007;
constexpr uint TRADE_RETCODE_PLACED = 10008;
constexpr uint TRADE_RETCODE_DONE = 10009;
constexpr uint TRADE_RETCODE_DONE_PARTIAL = 10010;
constexpr uint TRADE_RETCODE_ERROR = 10011;
constexpr uint TRADE_RETCODE_TIMEOUT = 10012;
constexpr uint TRADE_RETCODE_INVALID = 10013;
constexpr uint TRADE_RETCODE_INVALID_VOLUME = 10014;
constexpr uint TRADE_RETCODE_INVALID_PRICE = 10015;
constexpr uint TRADE_RETCODE_INVALID_STOPS = 10016;
constexpr uint TRADE_RETCODE_TRADE_DISABLED = 10017;
constexpr uint TRADE_RETCODE_MARKET_CLOSED = 10018;
constexpr uint TRADE_RETCODE_NO_MONEY = 10019;
constexpr uint TRADE_RETCODE_PRICE_CHANGED = 10020;
constexpr uint TRADE_RETCODE_PRICE_OFF = 10021;
constexpr uint TRADE_RETCODE_INVALID_EXPIRATION = 10022;
constexpr uint TRADE_RETCODE_ORDER_CHANGED = 10023;
constexpr uint TRADE_RETCODE_TOO_MANY_REQUESTS = 10024;
constexpr uint TRADE_RETCODE_NO_CHANGES = 10025;
constexpr uint TRADE_RETCODE_SERVER_DISABLES_AT = 10026;
constexpr uint TRADE_RETCODE_CLIENT_DISABLES_AT = 10027;
constexpr uint TRADE_RETCODE_LOCKED = 10028;
constexpr uint TRADE_RETCODE_FROZEN = 10029;
constexpr uint TRADE_RETCODE_INVALID_FILL = 10030;
constexpr uint TRADE_RETCODE_CONNECTION = 10031;
constexpr uint TRADE_RETCODE_ONLY_REAL = 10032;
constexpr uint TRADE_RETCODE_LIMIT_ORDERS = 10033;
constexpr uint TRADE_RETCODE_LIMIT_VOLUME = 10034;
constexpr uint TRADE_RETCODE_INVALID_ORDER = 10035;
constexpr uint TRADE_RETCODE_POSITION_CLOSED = 10036;
constexpr uint TRADE_RETCODE_INVALID_CLOSE_VOLUME = 10038;
constexpr uint TRADE_RETCODE_CLOSE_ORDER_EXIST = 10039;
constexpr uint TRADE_RETCODE_LIMIT_POSITIONS = 10040;
constexpr uint TRADE_RETCODE_REJECT_CANCEL = 10041;
constexpr uint TRADE_RETCODE_LONG_ONLY = 10042;
constexpr uint TRADE_RETCODE_SHORT_ONLY = 10043;
constexpr uint TRADE_RETCODE_CLOSE_ONLY = 10044;
constexpr uint TRADE_RETCODE_FIFO_CLOSE = 10045;
constexpr uint TRADE_RETCODE_HEDGE_PROHIBITED = 10046;

// /en/docs/constants/structures/mqltraderequest
struct MqlTradeRequest
{
    ENUM_TRADE_REQUEST_ACTIONS action;
    ulong magic;
    ulong order;
    string symbol;
    double volume;
    double price;
    double stoplimit;
    double sl;
    double tp;
    ulong deviation;
    ENUM_ORDER_TYPE type;
    ENUM_ORDER_TYPE_FILLING type_filling;
    ENUM_ORDER_TYPE_TIME type_time;
    datetime expiration;
    string comment;
    ulong position;
    ulong position_by;
};
// /en/docs/constants/structures/mqltraderesult
struct MqlTradeResult
{
    uint retcode;
    ulong deal;
    ulong order;
    double volume;
    double price;
    double bid;
    double ask;
    string comment;
    uint request_id;
    int retcode_external;
};
// /en/docs/constants/structures/mqltradechecktrade
struct MqlTradeCheckResult
{
    uint retcode;
    double balance;
    double equity;
    double profit;
    double margin;
    double margin_free;
    double margin_level;
    string comment;
};
// /en/docs/constants/structures/mqltradetransaction
struct MqlTradeTransaction
{
    ulong deal;
    ulong order;
    string symbol;
    ENUM_TRADE_TRANSACTION_TYPE type;
    ENUM_ORDER_TYPE order_type;
    ENUM_ORDER_STATE order_state;
    ENUM_DEAL_TYPE deal_type;
    ENUM_ORDER_TYPE_TIME time_type;
    datetime time_expiration;
    double price;
    double price_trigger;
    double price_sl;
    double price_tp;
    double volume;
    ulong position;
    ulong position_by;
};
// /en/docs/constants/structures/mqltick
struct MqlTick
{
    datetime time;
    double bid;
    double ask;
    double last;
    ulong volume;
    long time_msc;
    uint flags;
    double volume_real;
};
// /en/docs/constants/structures/mqldatetime
struct MqlDateTime
{
    int year;
    int mon;
    int day;
    int hour;
    int min;
    int sec;
    int day_of_week;
    int day_of_year;
};

// ------------------------------------------------------------------ symbol constants
// /en/docs/constants/environment_state/marketinfoconstants
enum ENUM_SYMBOL_INFO_INTEGER : int
{
    SYMBOL_SELECT,
    SYMBOL_VISIBLE,
    SYMBOL_CUSTOM,
    SYMBOL_EXIST,
    SYMBOL_TIME,
    SYMBOL_TIME_MSC,
    SYMBOL_DIGITS,
    SYMBOL_SPREAD_FLOAT,
    SYMBOL_SPREAD,
    SYMBOL_TRADE_CALC_MODE,
    SYMBOL_TRADE_MODE,
    SYMBOL_START_TIME,
    SYMBOL_EXPIRATION_TIME,
    SYMBOL_TRADE_STOPS_LEVEL,
    SYMBOL_TRADE_FREEZE_LEVEL,
    SYMBOL_TRADE_EXEMODE,
    SYMBOL_SWAP_MODE,
    SYMBOL_SWAP_ROLLOVER3DAYS,
    SYMBOL_MARGIN_HEDGED_USE_LEG,
    SYMBOL_EXPIRATION_MODE,
    SYMBOL_FILLING_MODE,
    SYMBOL_ORDER_MODE,
    SYMBOL_ORDER_GTC_MODE
};
enum ENUM_SYMBOL_INFO_DOUBLE : int
{
    SYMBOL_BID,
    SYMBOL_BIDHIGH,
    SYMBOL_BIDLOW,
    SYMBOL_ASK,
    SYMBOL_ASKHIGH,
    SYMBOL_ASKLOW,
    SYMBOL_LAST,
    SYMBOL_POINT,
    SYMBOL_TRADE_TICK_VALUE,
    SYMBOL_TRADE_TICK_VALUE_PROFIT,
    SYMBOL_TRADE_TICK_VALUE_LOSS,
    SYMBOL_TRADE_TICK_SIZE,
    SYMBOL_TRADE_CONTRACT_SIZE,
    SYMBOL_VOLUME_MIN,
    SYMBOL_VOLUME_MAX,
    SYMBOL_VOLUME_STEP,
    SYMBOL_VOLUME_LIMIT,
    SYMBOL_SWAP_LONG,
    SYMBOL_SWAP_SHORT,
    SYMBOL_MARGIN_INITIAL,
    SYMBOL_MARGIN_MAINTENANCE,
    SYMBOL_MARGIN_HEDGED
};
enum ENUM_SYMBOL_INFO_STRING : int
{
    SYMBOL_BASIS,
    SYMBOL_CURRENCY_BASE,
    SYMBOL_CURRENCY_PROFIT,
    SYMBOL_CURRENCY_MARGIN,
    SYMBOL_DESCRIPTION,
    SYMBOL_EXCHANGE,
    SYMBOL_ISIN,
    SYMBOL_PATH
};
// /en/docs/constants/environment_state/marketinfoconstants#symbol_filling_mode (flags)
constexpr int SYMBOL_FILLING_FOK = 1;
constexpr int SYMBOL_FILLING_IOC = 2;
constexpr int SYMBOL_FILLING_BOC = 4;
constexpr int SYMBOL_EXPIRATION_GTC = 1;
constexpr int SYMBOL_EXPIRATION_DAY = 2;
constexpr int SYMBOL_EXPIRATION_SPECIFIED = 4;
constexpr int SYMBOL_EXPIRATION_SPECIFIED_DAY = 8;
constexpr int SYMBOL_ORDER_MARKET = 1;
constexpr int SYMBOL_ORDER_LIMIT = 2;
constexpr int SYMBOL_ORDER_STOP = 4;
constexpr int SYMBOL_ORDER_STOP_LIMIT = 8;
constexpr int SYMBOL_ORDER_SL = 16;
constexpr int SYMBOL_ORDER_TP = 32;
constexpr int SYMBOL_ORDER_CLOSEBY = 64;
enum ENUM_SYMBOL_TRADE_EXECUTION : int
{
    SYMBOL_TRADE_EXECUTION_REQUEST = 0,
    SYMBOL_TRADE_EXECUTION_INSTANT = 1,
    SYMBOL_TRADE_EXECUTION_MARKET = 2,
    SYMBOL_TRADE_EXECUTION_EXCHANGE = 3
};
enum ENUM_SYMBOL_TRADE_MODE : int
{
    SYMBOL_TRADE_MODE_DISABLED = 0,
    SYMBOL_TRADE_MODE_LONGONLY = 1,
    SYMBOL_TRADE_MODE_SHORTONLY = 2,
    SYMBOL_TRADE_MODE_CLOSEONLY = 3,
    SYMBOL_TRADE_MODE_FULL = 4
};
enum ENUM_SYMBOL_CALC_MODE : int
{
    SYMBOL_CALC_MODE_FOREX = 0,
    SYMBOL_CALC_MODE_FUTURES = 1,
    SYMBOL_CALC_MODE_CFD = 2,
    SYMBOL_CALC_MODE_CFDINDEX = 3,
    SYMBOL_CALC_MODE_CFDLEVERAGE = 4,
    SYMBOL_CALC_MODE_FOREX_NO_LEVERAGE = 5
};
enum ENUM_SYMBOL_SWAP_MODE : int
{
    SYMBOL_SWAP_MODE_DISABLED = 0,
    SYMBOL_SWAP_MODE_POINTS = 1,
    SYMBOL_SWAP_MODE_CURRENCY_SYMBOL = 2,
    SYMBOL_SWAP_MODE_CURRENCY_MARGIN = 3,
    SYMBOL_SWAP_MODE_CURRENCY_DEPOSIT = 4
};

// ------------------------------------------------------------------ account constants
// /en/docs/constants/environment_state/accountinformation
enum ENUM_ACCOUNT_INFO_INTEGER : int
{
    ACCOUNT_LOGIN,
    ACCOUNT_TRADE_MODE,
    ACCOUNT_LEVERAGE,
    ACCOUNT_LIMIT_ORDERS,
    ACCOUNT_MARGIN_SO_MODE,
    ACCOUNT_TRADE_ALLOWED,
    ACCOUNT_TRADE_EXPERT,
    ACCOUNT_MARGIN_MODE,
    ACCOUNT_CURRENCY_DIGITS,
    ACCOUNT_FIFO_CLOSE,
    ACCOUNT_HEDGE_ALLOWED
};
enum ENUM_ACCOUNT_INFO_DOUBLE : int
{
    ACCOUNT_BALANCE,
    ACCOUNT_CREDIT,
    ACCOUNT_PROFIT,
    ACCOUNT_EQUITY,
    ACCOUNT_MARGIN,
    ACCOUNT_MARGIN_FREE,
    ACCOUNT_MARGIN_LEVEL,
    ACCOUNT_MARGIN_SO_CALL,
    ACCOUNT_MARGIN_SO_SO,
    ACCOUNT_MARGIN_INITIAL,
    ACCOUNT_MARGIN_MAINTENANCE,
    ACCOUNT_ASSETS,
    ACCOUNT_LIABILITIES,
    ACCOUNT_COMMISSION_BLOCKED
};
enum ENUM_ACCOUNT_INFO_STRING : int
{
    ACCOUNT_NAME,
    ACCOUNT_SERVER,
    ACCOUNT_CURRENCY,
    ACCOUNT_COMPANY
};
enum ENUM_ACCOUNT_TRADE_MODE : int
{
    ACCOUNT_TRADE_MODE_DEMO = 0,
    ACCOUNT_TRADE_MODE_CONTEST = 1,
    ACCOUNT_TRADE_MODE_REAL = 2
};
enum ENUM_ACCOUNT_STOPOUT_MODE : int
{
    ACCOUNT_STOPOUT_MODE_PERCENT = 0,
    ACCOUNT_STOPOUT_MODE_MONEY = 1
};
enum ENUM_ACCOUNT_MARGIN_MODE : int
{
    ACCOUNT_MARGIN_MODE_RETAIL_NETTING = 0,
    ACCOUNT_MARGIN_MODE_EXCHANGE = 1,
    ACCOUNT_MARGIN_MODE_RETAIL_HEDGING = 2
};

// ------------------------------------------------------------------ terminal / program constants
// /en/docs/constants/environment_state/terminalstatus
enum ENUM_TERMINAL_INFO_INTEGER : int
{
    TERMINAL_BUILD,
    TERMINAL_COMMUNITY_ACCOUNT,
    TERMINAL_COMMUNITY_CONNECTION,
    TERMINAL_CONNECTED,
    TERMINAL_DLLS_ALLOWED,
    TERMINAL_TRADE_ALLOWED,
    TERMINAL_EMAIL_ENABLED,
    TERMINAL_FTP_ENABLED,
    TERMINAL_NOTIFICATIONS_ENABLED,
    TERMINAL_MAXBARS,
    TERMINAL_MQID,
    TERMINAL_CODEPAGE,
    TERMINAL_CPU_CORES,
    TERMINAL_DISK_SPACE,
    TERMINAL_MEMORY_PHYSICAL,
    TERMINAL_MEMORY_TOTAL,
    TERMINAL_MEMORY_AVAILABLE,
    TERMINAL_MEMORY_USED,
    TERMINAL_X64,
    TERMINAL_PING_LAST
};
enum ENUM_TERMINAL_INFO_STRING : int
{
    TERMINAL_LANGUAGE,
    TERMINAL_COMPANY,
    TERMINAL_NAME,
    TERMINAL_PATH,
    TERMINAL_DATA_PATH,
    TERMINAL_COMMONDATA_PATH
};
// /en/docs/constants/environment_state/mql5_programm_info
enum ENUM_MQL_INFO_INTEGER : int
{
    MQL_PROGRAM_TYPE,
    MQL_DLLS_ALLOWED,
    MQL_TRADE_ALLOWED,
    MQL_SIGNALS_ALLOWED,
    MQL_DEBUG,
    MQL_PROFILER,
    MQL_TESTER,
    MQL_FORWARD,
    MQL_OPTIMIZATION,
    MQL_VISUAL_MODE,
    MQL_FRAME_MODE,
    MQL_LICENSE_TYPE,
    MQL_MEMORY_LIMIT,
    MQL_MEMORY_USED
};
enum ENUM_MQL_INFO_STRING : int
{
    MQL_PROGRAM_NAME,
    MQL_PROGRAM_PATH
};
enum ENUM_PROGRAM_TYPE : int
{
    PROGRAM_SCRIPT = 1,
    PROGRAM_EXPERT = 2,
    PROGRAM_INDICATOR = 3,
    PROGRAM_SERVICE = 4
};

// ------------------------------------------------------------------ the program (the translated EA)
// /en/docs/basis/function/events: the handlers a program may define; the translated EA overrides them.
class Program
{
public:
    virtual ~Program() = default;
    virtual int OnInit()
    {
        return INIT_SUCCEEDED;
    }
    virtual void OnDeinit(const int)
    {
    }
    virtual void OnTick()
    {
    }
    virtual void OnTimer()
    {
    }
    virtual void OnTrade()
    {
    }
    virtual void OnTradeTransaction(const MqlTradeTransaction&, const MqlTradeRequest&, const MqlTradeResult&)
    {
    }
};
// Defined by the translated EA: a new instance (every global variable initialised afresh).
Program* create_program();

// Input variables (/en/docs/basis/variables/inputvariables): the default unless overridden for the run.
string input_text(const char* name, bool& overridden);
long input_integer(const string& text, const char* name);
double input_double(const string& text, const char* name);
bool input_bool(const string& text, const char* name);
template <class T>
T input(const char* name, const T& fallback)
{
    bool overridden = false;
    const string text = input_text(name, overridden);
    if (!overridden)
    {
        return fallback;
    }
    if constexpr (std::is_same<T, string>::value)
    {
        return text;
    }
    else if constexpr (std::is_same<T, bool>::value)
    {
        return input_bool(text, name);
    }
    else if constexpr (std::is_floating_point<T>::value)
    {
        return static_cast<T>(input_double(text, name));
    }
    else if constexpr (std::is_same<T, datetime>::value)
    {
        return datetime(input_integer(text, name));
    }
    else
    {
        static_assert(std::is_integral<T>::value || std::is_enum<T>::value, "unsupported input type");
        return static_cast<T>(input_integer(text, name));
    }
}

// ------------------------------------------------------------------ checkup
// /en/docs/check
int GetLastError();
void ResetLastError();
void SetUserError(ushort code);
bool IsStopped();
int TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER property);
string TerminalInfoString(ENUM_TERMINAL_INFO_STRING property);
int MQLInfoInteger(ENUM_MQL_INFO_INTEGER property);
string MQLInfoString(ENUM_MQL_INFO_STRING property);
string Symbol();
int Digits();
double Point();

// ------------------------------------------------------------------ common functions
// /en/docs/common/print, /en/docs/common/printformat, /en/docs/convert/stringformat
struct FormatArg
{
    enum Kind
    {
        SIGNED,
        UNSIGNED,
        REAL,
        TEXT,
        BOOLEAN,
        TIME
    } kind;
    long i = 0;
    unsigned long u = 0;
    double d = 0;
    std::string s;
};
template <class T>
FormatArg format_arg(const T& v)
{
    FormatArg a{};
    if constexpr (std::is_same<T, string>::value)
    {
        a.kind = FormatArg::TEXT;
        a.s = v.str();
    }
    else if constexpr (std::is_same<T, datetime>::value)
    {
        a.kind = FormatArg::TIME;
        a.i = static_cast<long>(v);
    }
    else if constexpr (std::is_same<T, bool>::value)
    {
        a.kind = FormatArg::BOOLEAN;
        a.i = v ? 1 : 0;
    }
    else if constexpr (std::is_floating_point<T>::value)
    {
        a.kind = FormatArg::REAL;
        a.d = static_cast<double>(v);
    }
    else if constexpr (std::is_enum<T>::value)
    {
        a.kind = FormatArg::SIGNED;
        a.i = static_cast<long>(v);
    }
    else if constexpr (std::is_integral<T>::value && std::is_signed<T>::value)
    {
        a.kind = FormatArg::SIGNED;
        a.i = static_cast<long>(v);
    }
    else if constexpr (std::is_integral<T>::value)
    {
        a.kind = FormatArg::UNSIGNED;
        a.u = static_cast<unsigned long>(v);
    }
    else if constexpr (std::is_array<T>::value)
    {
        static_assert(std::is_same<std::remove_extent_t<T>, char>::value, "unsupported argument type");
        a.kind = FormatArg::TEXT;
        a.s = v;
    }
    else
    {
        static_assert(std::is_same<T, const char*>::value || std::is_same<T, char*>::value, "unsupported argument type");
        a.kind = FormatArg::TEXT;
        a.s = v == nullptr ? "" : v;
    }
    return a;
}
std::string print_text(const FormatArg* args, int count);
std::string format_text(const std::string& format, const FormatArg* args, int count);
void print_line(const std::string& text);

template <class... A>
void Print(const A&... args)
{
    const FormatArg list[] = {format_arg(args)..., FormatArg{}};
    print_line(print_text(list, static_cast<int>(sizeof...(A))));
}
template <class... A>
string StringFormat(const string& format, const A&... args)
{
    const FormatArg list[] = {format_arg(args)..., FormatArg{}};
    return string(format_text(format.str(), list, static_cast<int>(sizeof...(A))));
}
template <class... A>
void PrintFormat(const string& format, const A&... args)
{
    print_line(StringFormat(format, args...).str());
}
template <class... A>
void Alert(const A&... args)
{
    const FormatArg list[] = {format_arg(args)..., FormatArg{}};
    print_line("Alert: " + print_text(list, static_cast<int>(sizeof...(A))));
}
template <class... A>
void Comment(const A&...)
{
}
void Sleep(int milliseconds);
uint GetTickCount();
ulong GetTickCount64();
ulong GetMicrosecondCount();

// /en/docs/common/zeromemory: every field (and every string, array) emptied.
template <class T>
void ZeroMemory(T& value)
{
    value = T{};
}

// ------------------------------------------------------------------ conversions
// /en/docs/convert
string DoubleToString(double value, int digits = 8);
string IntegerToString(long number, int str_len = 0, ushort fill_symbol = ' ');
long StringToInteger(const string& value);
double StringToDouble(const string& value);
double NormalizeDouble(double value, int digits);
string TimeToString(datetime value, int mode = TIME_DATE | TIME_MINUTES);
datetime StringToTime(const string& value);
string CharToString(uchar char_code);
string ShortToString(ushort symbol_code);

// /en/docs/convert/structtochararray: a POD struct's bytes into a uchar array (a dynamic one grows).
template <class S, class A>
bool StructToCharArray(const S& object, A& array, const uint start_pos = 0)
{
    static_assert(std::is_trivially_copyable<S>::value, "StructToCharArray takes a simple structure");
    const ArrayRef<uchar> to = array_of(array);
    const long end = static_cast<long>(start_pos) + static_cast<long>(sizeof(S));
    if (end > to.size())
    {
        if (!to.dynamic() || !to.resize(static_cast<int>(end), 0))
        {
            return false;
        }
    }
    std::memcpy(to.data() + start_pos, &object, sizeof(S));
    return true;
}
// /en/docs/convert/chararraytostruct: false (struct untouched) when the array holds too few bytes.
template <class S, class A>
bool CharArrayToStruct(S& object, const A& array, const uint start_pos = 0)
{
    static_assert(std::is_trivially_copyable<S>::value, "CharArrayToStruct takes a simple structure");
    const ArrayRef<const uchar> from = array_of(array);
    if (static_cast<long>(start_pos) + static_cast<long>(sizeof(S)) > from.size())
    {
        return false;
    }
    std::memcpy(&object, from.data() + start_pos, sizeof(S));
    return true;
}
int string_to_chars(const string& text, const ArrayRef<uchar>& array, int start, int count, uint codepage);
string chars_to_string(const ArrayRef<const uchar>& array, int start, int count, uint codepage);
// /en/docs/convert/stringtochararray: copies the terminating zero too (count -1); returns elements copied.
template <class A>
int StringToCharArray(const string& text, A& array, const int start = 0, const int count = -1, const uint codepage = CP_ACP)
{
    return string_to_chars(text, array_of(array), start, count, codepage);
}
// /en/docs/convert/chararraytostring: up to the first zero byte.
template <class A>
string CharArrayToString(const A& array, const int start = 0, const int count = -1, const uint codepage = CP_ACP)
{
    return chars_to_string(array_of(array), start, count, codepage);
}

// ------------------------------------------------------------------ string functions
// /en/docs/strings
int StringLen(const string& text);
int StringFind(const string& text, const string& match, int start_pos = 0);
string StringSubstr(const string& text, int start_pos, int length = -1);
bool StringToUpper(string& text);
bool StringToLower(string& text);
int StringReplace(string& text, const string& find, const string& replacement);
int StringTrimLeft(string& text);
int StringTrimRight(string& text);
bool StringAdd(string& text, const string& add);
int StringCompare(const string& a, const string& b, bool case_sensitive = true);
ushort StringGetCharacter(const string& text, int pos);
bool StringSetCharacter(string& text, int pos, ushort character);
int string_split(const string& text, ushort separator, const ArrayRef<string>& result);
template <class A>
int StringSplit(const string& text, const ushort separator, A& result)
{
    return string_split(text, separator, array_of(result));
}

// ------------------------------------------------------------------ array functions
// /en/docs/array
template <class A>
int ArraySize(const A& array)
{
    return array_of(array).size();
}
template <class A>
bool ArrayIsDynamic(const A& array)
{
    return array_of(array).dynamic();
}
void set_last_error(int code);
// /en/docs/array/arrayresize: the new size, or -1 (a static array cannot be resized).
template <class A>
int ArrayResize(A& array, const int new_size, const int reserve_size = 0)
{
    const auto ref = array_of(array);
    if (!ref.dynamic() || !ref.resize(new_size, reserve_size))
    {
        set_last_error(ERR_ARRAY_RESIZE_ERROR);
        return -1;
    }
    return new_size;
}
template <class A>
void ArrayFree(A& array)
{
    array_of(array).free();
}
// /en/docs/array/arrayinitialize: every element set; returns the count.
template <class A, class V>
int ArrayInitialize(A& array, const V value)
{
    const auto ref = array_of(array);
    for (int k = 0; k < ref.size(); k++)
    {
        ref.data()[k] = static_cast<std::remove_reference_t<decltype(ref.data()[0])>>(value);
    }
    return ref.size();
}
template <class A, class V>
void ArrayFill(A& array, const int start, const int count, const V value)
{
    const auto ref = array_of(array);
    if (start < 0 || count < 0 || start + count > ref.size())
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return;
    }
    for (int k = start; k < start + count; k++)
    {
        ref.data()[k] = value;
    }
}
// /en/docs/array/arraycopy: count < 0 or beyond the source means "the rest"; a dynamic destination
// grows to fit, a static one takes what fits. Overlapping ranges of one array are copied safely.
template <class D, class S>
int ArrayCopy(D& dst_array, const S& src_array, const int dst_start = 0, const int src_start = 0, const int count = WHOLE_ARRAY)
{
    const auto to = array_of(dst_array);
    const auto from = array_of(src_array);
    if (dst_start < 0 || src_start < 0)
    {
        set_last_error(ERR_INVALID_PARAMETER);
        return 0;
    }
    if (src_start >= from.size())
    {
        return 0;
    }
    int n = from.size() - src_start;
    if (count >= 0 && count < n)
    {
        n = count;
    }
    if (dst_start + n > to.size())
    {
        if (to.dynamic())
        {
            to.resize(dst_start + n, 0);
        }
        else
        {
            n = to.size() - dst_start;
        }
    }
    if (n <= 0)
    {
        return 0;
    }
    using Element = std::remove_const_t<std::remove_reference_t<decltype(from.data()[0])>>;
    if constexpr (std::is_trivially_copyable<Element>::value)
    {
        std::memmove(to.data() + dst_start, from.data() + src_start, sizeof(Element) * static_cast<size_t>(n));
    }
    else
    {
        MqlArray<Element> copy;
        copy.resize(n, 0);
        for (int k = 0; k < n; k++)
        {
            copy.data()[k] = from.data()[src_start + k];
        }
        for (int k = 0; k < n; k++)
        {
            to.data()[dst_start + k] = copy.data()[k];
        }
    }
    return n;
}

// ------------------------------------------------------------------ math
// /en/docs/math
template <class T>
T MathAbs(const T value)
{
    return value < 0 ? -value : value;
}
template <class A, class B>
std::common_type_t<A, B> MathMax(const A a, const B b)
{
    using C = std::common_type_t<A, B>;
    return static_cast<C>(a) > static_cast<C>(b) ? static_cast<C>(a) : static_cast<C>(b);
}
template <class A, class B>
std::common_type_t<A, B> MathMin(const A a, const B b)
{
    using C = std::common_type_t<A, B>;
    return static_cast<C>(a) < static_cast<C>(b) ? static_cast<C>(a) : static_cast<C>(b);
}
inline double MathFloor(const double v)
{
    return std::floor(v);
}
inline double MathCeil(const double v)
{
    return std::ceil(v);
}
inline double MathRound(const double v)
{
    return std::round(v);
}
inline double MathPow(const double base, const double exponent)
{
    return std::pow(base, exponent);
}
inline double MathSqrt(const double v)
{
    return std::sqrt(v);
}
inline double MathLog(const double v)
{
    return std::log(v);
}
inline double MathLog10(const double v)
{
    return std::log10(v);
}
inline double MathExp(const double v)
{
    return std::exp(v);
}
inline double MathMod(const double a, const double b)
{
    return std::fmod(a, b);
}
inline bool MathIsValidNumber(const double v)
{
    return std::isfinite(v);
}
// /en/docs/math/mathrand: 0..32767; MathSrand seeds the program's generator.
int MathRand();
void MathSrand(int seed);

// ------------------------------------------------------------------ date and time
// /en/docs/dateandtime
datetime TimeCurrent();
datetime TimeCurrent(MqlDateTime& dt_struct);
datetime TimeTradeServer();
datetime TimeTradeServer(MqlDateTime& dt_struct);
datetime TimeLocal();
datetime TimeLocal(MqlDateTime& dt_struct);
datetime TimeGMT();
datetime TimeGMT(MqlDateTime& dt_struct);
int TimeGMTOffset();
int TimeDaylightSavings();
bool TimeToStruct(datetime value, MqlDateTime& dt_struct);
datetime StructToTime(MqlDateTime& dt_struct);

// ------------------------------------------------------------------ events
// /en/docs/eventfunctions
bool EventSetMillisecondTimer(int milliseconds);
bool EventSetTimer(int seconds);
void EventKillTimer();

// ------------------------------------------------------------------ global variables of the terminal
// /en/docs/globals
bool GlobalVariableCheck(const string& name);                         // /en/docs/globals/globalvariablecheck
datetime GlobalVariableTime(const string& name);                      // /en/docs/globals/globalvariabletime
bool GlobalVariableDel(const string& name);                           // /en/docs/globals/globalvariabledel
double GlobalVariableGet(const string& name);                         // /en/docs/globals/globalvariableget
bool GlobalVariableGet(const string& name, double& value);
string GlobalVariableName(int index);                                 // /en/docs/globals/globalvariablename
datetime GlobalVariableSet(const string& name, double value);         // /en/docs/globals/globalvariableset
void GlobalVariablesFlush();                                          // /en/docs/globals/globalvariablesflush
bool GlobalVariableTemp(const string& name);
bool GlobalVariableSetOnCondition(const string& name, double value, double check_value);
int GlobalVariablesDeleteAll(const string& prefix_name = "", datetime limit_data = 0);
int GlobalVariablesTotal();                                           // /en/docs/globals/globalvariablestotal

// ------------------------------------------------------------------ network
// /en/docs/network
int SocketCreate(uint flags = 0);                                              // /en/docs/network/socketcreate
bool SocketClose(int socket);                                                  // /en/docs/network/socketclose
bool SocketConnect(int socket, const string& server, uint port, uint timeout_receive_ms); // /en/docs/network/socketconnect
bool SocketIsConnected(int socket);                                            // /en/docs/network/socketisconnected
uint SocketIsReadable(int socket);                                             // /en/docs/network/socketisreadable
bool SocketIsWritable(int socket);                                             // /en/docs/network/socketiswritable
bool SocketTimeouts(int socket, uint timeout_send_ms, uint timeout_receive_ms); // /en/docs/network/sockettimeouts
int socket_read(int socket, const ArrayRef<uchar>& buffer, uint buffer_maxlen, uint timeout_ms);
int socket_send(int socket, const ArrayRef<const uchar>& buffer, uint buffer_len);
// /en/docs/network/socketread: -1 on timeout or error (5273 when the connection broke).
template <class A>
int SocketRead(const int socket, A& buffer, const uint buffer_maxlen, const uint timeout_ms)
{
    return socket_read(socket, array_of(buffer), buffer_maxlen, timeout_ms);
}
// /en/docs/network/socketsend: the bytes written, or -1.
template <class A>
int SocketSend(const int socket, const A& buffer, const uint buffer_len)
{
    return socket_send(socket, array_of(buffer), buffer_len);
}

// ------------------------------------------------------------------ account, symbols, trade, history
// /en/docs/account
long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER property);
double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE property);
string AccountInfoString(ENUM_ACCOUNT_INFO_STRING property);
// /en/docs/marketinformation
int SymbolsTotal(bool selected);
bool SymbolExist(const string& name, bool& is_custom);                // /en/docs/marketinformation/symbolexist
string SymbolName(int pos, bool selected);
bool SymbolSelect(const string& name, bool select);
bool SymbolIsSynchronized(const string& name);
long SymbolInfoInteger(const string& name, ENUM_SYMBOL_INFO_INTEGER prop_id);
bool SymbolInfoInteger(const string& name, ENUM_SYMBOL_INFO_INTEGER prop_id, long& value);
double SymbolInfoDouble(const string& name, ENUM_SYMBOL_INFO_DOUBLE prop_id);
bool SymbolInfoDouble(const string& name, ENUM_SYMBOL_INFO_DOUBLE prop_id, double& value);
string SymbolInfoString(const string& name, ENUM_SYMBOL_INFO_STRING prop_id);
bool SymbolInfoString(const string& name, ENUM_SYMBOL_INFO_STRING prop_id, string& value);
bool SymbolInfoTick(const string& symbol, MqlTick& tick);             // /en/docs/marketinformation/symbolinfotick
// /en/docs/trading
bool OrderSend(MqlTradeRequest& request, MqlTradeResult& result);     // /en/docs/trading/ordersend
int PositionsTotal();
string PositionGetSymbol(int index);
bool PositionSelect(const string& symbol);
bool PositionSelectByTicket(ulong ticket);
ulong PositionGetTicket(int index);
double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE property_id);
bool PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE property_id, double& value);
long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER property_id);
bool PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER property_id, long& value);
string PositionGetString(ENUM_POSITION_PROPERTY_STRING property_id);
bool PositionGetString(ENUM_POSITION_PROPERTY_STRING property_id, string& value);
int OrdersTotal();
ulong OrderGetTicket(int index);
bool OrderSelect(ulong ticket);
double OrderGetDouble(ENUM_ORDER_PROPERTY_DOUBLE property_id);
long OrderGetInteger(ENUM_ORDER_PROPERTY_INTEGER property_id);
string OrderGetString(ENUM_ORDER_PROPERTY_STRING property_id);
bool HistorySelect(datetime from_date, datetime to_date);             // /en/docs/trading/historyselect
bool HistorySelectByPosition(long position_id);                       // /en/docs/trading/historyselectbyposition
bool HistoryOrderSelect(ulong ticket);
int HistoryOrdersTotal();
ulong HistoryOrderGetTicket(int index);
double HistoryOrderGetDouble(ulong ticket_number, ENUM_ORDER_PROPERTY_DOUBLE property_id);
long HistoryOrderGetInteger(ulong ticket_number, ENUM_ORDER_PROPERTY_INTEGER property_id);
string HistoryOrderGetString(ulong ticket_number, ENUM_ORDER_PROPERTY_STRING property_id);
bool HistoryDealSelect(ulong ticket);                                 // /en/docs/trading/historydealselect
int HistoryDealsTotal();
ulong HistoryDealGetTicket(int index);
double HistoryDealGetDouble(ulong ticket_number, ENUM_DEAL_PROPERTY_DOUBLE property_id);
long HistoryDealGetInteger(ulong ticket_number, ENUM_DEAL_PROPERTY_INTEGER property_id);
string HistoryDealGetString(ulong ticket_number, ENUM_DEAL_PROPERTY_STRING property_id);
} // namespace mql5

// Predefined variables (/en/docs/predefined), as read-only views. Only in the translated program's
// source (which defines MQL5_PROGRAM_SOURCE): names like _Digits are also used inside the C++ library.
#ifdef MQL5_PROGRAM_SOURCE
#define _LastError (::mql5::GetLastError())
#define _StopFlag (::mql5::IsStopped())
#define _Symbol (::mql5::Symbol())
#define _Digits (::mql5::Digits())
#define _Point (::mql5::Point())
#endif
