package dev.ringfence.gateway.mql5;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict rewrite of an MQL5 Expert Advisor into C++17 for the harness (mql5-harness/include/mql5.h).
 *
 * <p>The whole EA becomes one class derived from {@code mql5::Program}, so functions may call each other
 * before their definition and a restart re-runs every global initialiser. {@code #property} lines are
 * dropped; {@code input T Name = v;} reads an override for the run; dynamic arrays become
 * {@code MqlArray<T>}, static arrays {@code FixedArray<T, N>}, array parameters {@code ArrayRef<T>};
 * structs are packed to 1 byte as MQL5 packs them; event handlers get {@code override} so a wrong
 * signature does not compile. {@code #line} directives keep g++'s messages on .mq5 lines. After the
 * EA's structs it asserts each protocol message's size against PROTOCOL.md's message table.
 *
 * <p>Anything outside this subset is refused with its .mq5 line: nothing is guessed.
 */
public final class Mql5Translator
{
    /** The frame header's entry in {@link #MESSAGE_STRUCTS}; its size is the body offset of PROTOCOL.md's framing layout. */
    public static final String FRAME_HEADER = "FRAME_HEADER";

    /**
     * PROTOCOL.md message name to the EA struct that lays it out: the one place for this mapping. Every
     * message of the protocol must be here and every struct named here must exist in the EA.
     */
    public static final Map<String, String> MESSAGE_STRUCTS = orderedMap(
        FRAME_HEADER, "RfHeader",
        "HELLO", "RfHello",
        "HELLO_ACK", "RfHelloAck",
        "HEARTBEAT", "RfHeartbeat",
        "HEARTBEAT_ECHO", "RfHeartbeat",
        "SYMBOL", "RfSymbol",
        "TICK", "RfTick",
        "ACCOUNT", "RfAccount",
        "POSITIONS_BEGIN", "RfPositionsBegin",
        "POSITION", "RfPosition",
        "ORDER_RESULT", "RfOrderResult",
        "POSITION_CLOSED", "RfPositionClosed",
        "BALANCE_OPERATION", "RfBalance",
        "ORDER_NEW", "RfOrderNew",
        "CLOSE_POSITION", "RfClosePosition",
        "RESYNC", "RfResync",
        "ERROR", "RfError");

    /** The EA's macro for the protocol version, asserted against PROTOCOL.md's framing layout. */
    public static final String VERSION_MACRO = "RF_VERSION";
    private static final Pattern PROTOCOL_VERSION = Pattern.compile("\\bprotocol version, (\\d+)");

    /** The handlers of mql5::Program; an EA function of that name must override it exactly. */
    private static final Set<String> HANDLERS = Set.of("OnInit", "OnDeinit", "OnTick", "OnTimer", "OnTrade", "OnTradeTransaction");

    private static final Set<String> BUILTIN_TYPES = Set.of(
        "void", "bool", "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
        "string", "datetime", "color",
        "MqlTradeRequest", "MqlTradeResult", "MqlTradeCheckResult", "MqlTradeTransaction", "MqlTick", "MqlDateTime");

    private static final Set<String> ARITHMETIC_TYPES = Set.of(
        "bool", "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "color");

    private static final String IDENT = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern PROPERTY = Pattern.compile("^#\\s*property\\b");
    private static final Pattern KEPT_DIRECTIVE = Pattern.compile("^#\\s*(define|undef|ifdef|ifndef|else|endif)\\b");
    private static final Pattern INPUT_GROUP = Pattern.compile("^(input|sinput)\\s+group\\b.*;$");
    private static final Pattern INPUT = Pattern.compile("^(?:input|sinput)\\s+(" + IDENT + ")\\s+(" + IDENT + ")\\s*(?:=\\s*(.+?))?\\s*;$");
    private static final Pattern STRUCT = Pattern.compile("^struct\\s+(" + IDENT + ")(?:\\s+pack\\s*\\(\\s*(\\d+)\\s*\\))?\\s*$");
    private static final Pattern ENUM = Pattern.compile("^enum\\s+(" + IDENT + ")\\s*$");
    private static final Pattern FUNCTION = Pattern.compile(
        "^(?:const\\s+)?(" + IDENT + ")\\s+(" + IDENT + ")\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("^((?:(?:static|const)\\s+)*)(" + IDENT + ")\\s+(.+);$", Pattern.DOTALL);
    private static final Pattern DECLARATOR = Pattern.compile("^(" + IDENT + ")\\s*(?:\\[\\s*(" + IDENT + "|\\d*)\\s*\\])?\\s*(?:=\\s*(.+))?$", Pattern.DOTALL);
    private static final Pattern ARRAY_PARAMETER = Pattern.compile("(const\\s+)?(" + IDENT + ")\\s*&\\s*(" + IDENT + ")\\s*\\[\\s*\\]");
    private static final Pattern MEMBER_ARRAY = Pattern.compile("(" + IDENT + ")\\s+(" + IDENT + ")\\s*\\[\\s*(" + IDENT + "|\\d*)\\s*\\]");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*([A-Z][A-Z0-9_]*)\\s*\\|.*\\((\\d+) bytes[;)]");
    private static final Pattern HEADER_BODY_ROW = Pattern.compile("^(\\d+)\\s+\\.\\.\\.\\s+body\\b");

    private final String source;
    private final String fileName;
    private final String masked;
    private final int[] lineStarts;
    private final Set<String> types = new HashSet<>(BUILTIN_TYPES);
    private final List<String> inputs = new ArrayList<>();
    private final Map<String, String> messageStructs;
    private int protocolVersion = -1;

    /** The result: C++ source, the class that holds the EA, and the EA's input names. */
    public record Translation(String cpp, String className, List<String> inputs)
    {
    }

    private Mql5Translator(final String source, final String fileName, final Map<String, String> messageStructs)
    {
        this.messageStructs = messageStructs;
        this.source = source.replace("\r\n", "\n");
        this.fileName = fileName;
        this.masked = mask(this.source);
        final List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < this.source.length(); i++)
        {
            if (this.source.charAt(i) == '\n')
            {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Translates {@code source} (the text of {@code fileName}), checking its message structs against
     * {@code protocol} (the text of PROTOCOL.md).
     *
     * @throws Mql5TranslationException for anything outside the supported subset, with its line
     */
    public static Translation translate(final String source, final String fileName, final String protocol)
    {
        return translate(source, fileName, protocol, MESSAGE_STRUCTS);
    }

    /** Any other program (a probe, a script): the same rewrite, without protocol sizes to assert. */
    public static Translation translateProgram(final String source, final String fileName)
    {
        return new Mql5Translator(source, fileName, Map.of()).run(Map.of());
    }

    /** As {@link #translate(String, String, String)} with another message-to-struct table (for tests). */
    static Translation translate(final String source, final String fileName, final String protocol, final Map<String, String> messageStructs)
    {
        final Mql5Translator translator = new Mql5Translator(source, fileName, messageStructs);
        translator.protocolVersion = protocolVersion(protocol);
        return translator.run(messageSizes(protocol, fileName, messageStructs));
    }

    /** The version in PROTOCOL.md's framing layout ("protocol version, N"), or -1. */
    public static int protocolVersion(final String protocol)
    {
        final Matcher m = PROTOCOL_VERSION.matcher(protocol);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The value of the EA's {@link #VERSION_MACRO}, or -1. */
    public static int eaVersion(final String source)
    {
        final Matcher m = Pattern.compile("(?m)^\\s*#\\s*define\\s+" + VERSION_MACRO + "\\s+(\\d+)").matcher(source);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** PROTOCOL.md's message sizes by name, plus {@link #FRAME_HEADER}; every one must have a struct in the table. */
    static Map<String, Integer> messageSizes(final String protocol, final String fileName, final Map<String, String> messageStructs)
    {
        final Map<String, Integer> sizes = new LinkedHashMap<>();
        for (final String raw : protocol.replace("\r\n", "\n").split("\n"))
        {
            final String line = raw.trim();
            final Matcher row = TABLE_ROW.matcher(line);
            if (row.find())
            {
                sizes.put(row.group(2), Integer.parseInt(row.group(3)));
            }
            final Matcher header = HEADER_BODY_ROW.matcher(line);
            if (header.find())
            {
                sizes.put(FRAME_HEADER, Integer.parseInt(header.group(1)));
            }
        }
        if (!sizes.containsKey(FRAME_HEADER))
        {
            throw new Mql5TranslationException(fileName, 0, "PROTOCOL.md has no framing layout (a '<offset> ... body' row)");
        }
        if (sizes.size() == 1)
        {
            throw new Mql5TranslationException(fileName, 0, "PROTOCOL.md has no message table rows with '(N bytes)'");
        }
        for (final String name : sizes.keySet())
        {
            if (!messageStructs.containsKey(name))
            {
                throw new Mql5TranslationException(fileName, 0,
                    "PROTOCOL.md message " + name + " has no struct in Mql5Translator.MESSAGE_STRUCTS");
            }
        }
        for (final String name : messageStructs.keySet())
        {
            if (!sizes.containsKey(name))
            {
                throw new Mql5TranslationException(fileName, 0,
                    "Mql5Translator.MESSAGE_STRUCTS names " + name + ", which PROTOCOL.md does not define");
            }
        }
        return sizes;
    }

    // ------------------------------------------------------------------ top level

    private enum Kind
    {
        DROP, KEEP, INPUT, STRUCT, ENUM, FUNCTION, PROTOTYPE, VARIABLES
    }

    private record Item(Kind kind, int start, int end, String name)
    {
    }

    private Translation run(final Map<String, Integer> sizes)
    {
        final List<Item> items = split();
        for (final Item item : items)
        {
            if (item.kind == Kind.STRUCT || item.kind == Kind.ENUM)
            {
                types.add(item.name);
            }
        }
        final Set<String> structs = new HashSet<>();
        int lastStruct = -1;
        for (int i = 0; i < items.size(); i++)
        {
            if (items.get(i).kind == Kind.STRUCT)
            {
                structs.add(items.get(i).name);
                lastStruct = i;
            }
        }

        final String className = "Expert_" + fileName.replaceAll("\\.mq5$", "").replaceAll("[^A-Za-z0-9_]", "_");
        final StringBuilder out = new StringBuilder(source.length() * 2);
        out.append("// Generated from ").append(fileName).append(" by Mql5Translator: do not edit.\n");
        out.append("#define MQL5_PROGRAM_SOURCE 1\n#include \"mql5.h\"\n");
        out.append("namespace mql5_program\n{\nusing namespace mql5;\n");
        out.append("class ").append(className).append(" final : public mql5::Program\n{\npublic:\n");
        int previousEnd = 0;
        for (int i = 0; i < items.size(); i++)
        {
            final Item item = items.get(i);
            out.append(source, previousEnd, item.start);
            previousEnd = item.end;
            if (item.kind != Kind.STRUCT)
            {
                lineDirective(out, lineOf(item.start));
            }
            switch (item.kind)
            {
                case DROP:
                case PROTOTYPE:
                    out.append(blankLines(item));
                    break;
                case KEEP:
                case ENUM:
                    out.append(source, item.start, item.end);
                    break;
                case INPUT:
                    out.append(input(item));
                    break;
                case STRUCT:
                    out.append(struct(item));
                    break;
                case FUNCTION:
                    out.append(function(item));
                    break;
                case VARIABLES:
                    out.append(variables(item));
                    break;
                default:
                    throw new IllegalStateException(item.kind.name());
            }
            if (i == lastStruct)
            {
                out.append('\n');
                for (final Map.Entry<String, Integer> size : sizes.entrySet())
                {
                    final String what = FRAME_HEADER.equals(size.getKey()) ? "the frame header" : size.getKey();
                    out.append("static_assert(sizeof(").append(messageStructs.get(size.getKey())).append(") == ")
                        .append(size.getValue()).append(", \"PROTOCOL.md: ").append(what).append(" is ")
                        .append(size.getValue()).append(" bytes\");\n");
                }
                if (protocolVersion >= 0)
                {
                    if (eaVersion(source) < 0)
                    {
                        throw new Mql5TranslationException(fileName, 0, "PROTOCOL.md is version " + protocolVersion +
                            " but the EA defines no " + VERSION_MACRO);
                    }
                    out.append("static_assert(").append(VERSION_MACRO).append(" == ").append(protocolVersion)
                        .append(", \"PROTOCOL.md: protocol version ").append(protocolVersion).append("\");\n");
                }
                lineDirective(out, lineOf(item.end));
            }
        }
        out.append(source, previousEnd, source.length());
        // Checked last, so that a refusal of the source itself names its line first.
        for (final Map.Entry<String, String> entry : messageStructs.entrySet())
        {
            if (!structs.contains(entry.getValue()))
            {
                throw new Mql5TranslationException(fileName, 0, "PROTOCOL.md message " + entry.getKey() +
                    " maps to struct " + entry.getValue() + ", which the EA does not define (Mql5Translator.MESSAGE_STRUCTS)");
            }
        }
        out.append("\n};\n} // namespace mql5_program\n\n");
        out.append("mql5::Program* mql5::create_program()\n{\n    return new mql5_program::").append(className).append("();\n}\n");
        return new Translation(out.toString(), className, List.copyOf(inputs));
    }

    /** Cuts the source into top-level items (the gaps between them hold only whitespace and comments). */
    private List<Item> split()
    {
        final List<Item> items = new ArrayList<>();
        int pos = 0;
        final int n = masked.length();
        while (true)
        {
            while (pos < n && Character.isWhitespace(masked.charAt(pos)))
            {
                pos++;
            }
            if (pos >= n)
            {
                return items;
            }
            final int start = pos;
            final int end;
            if (masked.charAt(pos) == '#')
            {
                int e = pos;
                while (e < n && (masked.charAt(e) != '\n' || masked.charAt(e - 1) == '\\'))
                {
                    e++;
                }
                end = e;
            }
            else
            {
                end = itemEnd(pos);
            }
            items.add(classify(start, end));
            pos = end;
        }
    }

    private int itemEnd(final int start)
    {
        int parens = 0;
        for (int i = start; i < masked.length(); i++)
        {
            final char c = masked.charAt(i);
            if (c == '(')
            {
                parens++;
            }
            else if (c == ')')
            {
                parens--;
            }
            else if (c == ';' && parens == 0)
            {
                return i + 1;
            }
            else if (c == '{' && parens == 0)
            {
                final int close = matchingBrace(i);
                int after = close + 1;
                while (after < masked.length() && Character.isWhitespace(masked.charAt(after)))
                {
                    after++;
                }
                if (after < masked.length() && masked.charAt(after) == ';')
                {
                    return after + 1;
                }
                return close + 1;
            }
        }
        throw refuse(start, "this declaration never ends (no ';' or '{' before the end of the file)");
    }

    private int matchingBrace(final int open)
    {
        int depth = 0;
        for (int i = open; i < masked.length(); i++)
        {
            final char c = masked.charAt(i);
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }
        throw refuse(open, "unbalanced '{'");
    }

    private Item classify(final int start, final int end)
    {
        final String text = masked.substring(start, end).trim();
        final String head = collapse(text.contains("{") ? text.substring(0, text.indexOf('{')) : text);
        if (text.startsWith("#"))
        {
            if (PROPERTY.matcher(text).find())
            {
                return new Item(Kind.DROP, start, end, null);
            }
            if (KEPT_DIRECTIVE.matcher(text).find())
            {
                return new Item(Kind.KEEP, start, end, null);
            }
            throw refuse(start, "preprocessor directive not supported: " + firstLine(start));
        }
        if (INPUT_GROUP.matcher(head).matches())
        {
            return new Item(Kind.DROP, start, end, null);
        }
        if (head.startsWith("input ") || head.startsWith("sinput "))
        {
            if (!INPUT.matcher(head).matches())
            {
                throw refuse(start, "input declaration not understood: " + firstLine(start));
            }
            return new Item(Kind.INPUT, start, end, null);
        }
        if (text.contains("{"))
        {
            final Matcher struct = STRUCT.matcher(head);
            if (struct.matches() && text.endsWith(";"))
            {
                return new Item(Kind.STRUCT, start, end, struct.group(1));
            }
            final Matcher enumeration = ENUM.matcher(head);
            if (enumeration.matches() && text.endsWith(";"))
            {
                return new Item(Kind.ENUM, start, end, enumeration.group(1));
            }
            final Matcher function = FUNCTION.matcher(head);
            if (function.matches() && text.endsWith("}") && !isKeyword(function.group(1)))
            {
                return new Item(Kind.FUNCTION, start, end, function.group(2));
            }
            throw refuse(start, "not understood at the top level: " + firstLine(start));
        }
        final String statement = head.endsWith(";") ? head.substring(0, head.length() - 1).trim() : head;
        final Matcher prototype = FUNCTION.matcher(statement);
        if (prototype.matches() && !isKeyword(prototype.group(1)) && !statement.contains("="))
        {
            return new Item(Kind.PROTOTYPE, start, end, prototype.group(2));
        }
        final Matcher declaration = DECLARATION.matcher(head);
        if (declaration.matches() && !isKeyword(declaration.group(2)))
        {
            return new Item(Kind.VARIABLES, start, end, null);
        }
        throw refuse(start, "not understood at the top level: " + firstLine(start));
    }

    private static boolean isKeyword(final String word)
    {
        return Set.of("class", "template", "typedef", "union", "interface", "namespace", "return", "struct", "enum",
            "input", "sinput", "extern", "import").contains(word);
    }

    // ------------------------------------------------------------------ rewrites

    private String input(final Item item)
    {
        final String head = collapse(masked.substring(item.start, item.end).trim());
        final Matcher m = INPUT.matcher(head);
        if (!m.matches())
        {
            throw refuse(item.start, "input declaration not understood");
        }
        final String type = m.group(1);
        final String name = m.group(2);
        requireType(type, item.start);
        // The default value comes from the unmasked text (it may be a string literal).
        final String original = source.substring(item.start, item.end);
        final int equals = original.indexOf('=');
        final String value = equals < 0 ? type + "()" : original.substring(equals + 1, original.lastIndexOf(';')).trim();
        inputs.add(name);
        return "const " + type + " " + name + " = mql5::input<" + type + ">(\"" + name + "\", " + value + ");";
    }

    private String struct(final Item item)
    {
        final String text = source.substring(item.start, item.end);
        final String maskedText = masked.substring(item.start, item.end);
        final Matcher head = STRUCT.matcher(collapse(maskedText.substring(0, maskedText.indexOf('{'))));
        if (!head.matches())
        {
            throw refuse(item.start, "struct not understood");
        }
        final String pack = head.group(2) == null ? "1" : head.group(2);
        final int open = maskedText.indexOf('{');
        final int close = maskedText.lastIndexOf('}');
        final String body = maskedText.substring(open + 1, close);
        int offset = open + 1;
        for (final String member : body.split(";", -1))
        {
            final String m = collapse(member);
            if (!m.isEmpty())
            {
                checkMember(m, item.start + offset);
            }
            offset += member.length() + 1;
        }
        // Rewrite array members in the original text (masked positions are the same).
        final StringBuilder out = new StringBuilder();
        out.append("\n#pragma pack(push, ").append(pack).append(")\n");
        lineDirective(out, lineOf(item.start));
        final Matcher array = MEMBER_ARRAY.matcher(maskedText);
        int last = 0;
        final StringBuilder rewritten = new StringBuilder();
        while (array.find())
        {
            if (array.start() < open)
            {
                continue;
            }
            rewritten.append(text, last, array.start());
            rewritten.append(arrayDeclaration(array.group(1), array.group(2), array.group(3)));
            last = array.end();
        }
        rewritten.append(text.substring(last));
        out.append(rewritten.toString().replaceFirst("\\bpack\\s*\\(\\s*\\d+\\s*\\)", ""));
        out.append("\n#pragma pack(pop)\n");
        lineDirective(out, lineOf(item.end));
        return out.toString();
    }

    private void checkMember(final String member, final int at)
    {
        final Matcher m = Pattern.compile("^(" + IDENT + ")\\s+(.+)$").matcher(member);
        if (!m.matches())
        {
            throw refuse(at, "struct member not understood: " + member);
        }
        requireType(m.group(1), at);
        for (final String declarator : splitTopLevel(m.group(2)))
        {
            if (!declarator.trim().matches(IDENT + "(\\s*\\[\\s*(" + IDENT + "|\\d*)\\s*\\])?"))
            {
                throw refuse(at, "struct member not understood (methods, initialisers and multi-dimensional arrays are not supported): " + member);
            }
        }
    }

    private static String arrayDeclaration(final String type, final String name, final String size)
    {
        return size.isEmpty() ? "mql5::MqlArray<" + type + "> " + name : "mql5::FixedArray<" + type + ", " + size + "> " + name;
    }

    private String variables(final Item item)
    {
        final String head = collapse(masked.substring(item.start, item.end).trim());
        final Matcher m = DECLARATION.matcher(head);
        if (!m.matches())
        {
            throw refuse(item.start, "declaration not understood");
        }
        final boolean constant = m.group(1).contains("const");
        final String type = m.group(2);
        requireType(type, item.start);
        final String original = source.substring(item.start, item.end);
        final int declaratorsAt = originalDeclaratorsStart(original, type);
        final String declarators = original.substring(declaratorsAt, original.lastIndexOf(';'));
        final StringBuilder out = new StringBuilder();
        for (final String raw : splitTopLevel(declarators))
        {
            final String declarator = raw.trim();
            final Matcher d = DECLARATOR.matcher(declarator);
            if (!d.matches())
            {
                throw refuse(item.start, "declaration not understood: " + declarator);
            }
            final String name = d.group(1);
            final String size = d.group(2);
            final String init = d.group(3);
            if (size != null)
            {
                if (init != null)
                {
                    throw refuse(item.start, "array initialisers are not supported: " + declarator);
                }
                out.append(arrayDeclaration(type, name, size)).append(size.isEmpty() ? ";" : "{};");
            }
            else if (constant && init != null && (ARITHMETIC_TYPES.contains(type) || type.startsWith("ENUM_")))
            {
                out.append("static constexpr ").append(type).append(' ').append(name).append(" = ").append(init).append(';');
            }
            else if (constant && init == null)
            {
                throw refuse(item.start, "a constant needs a value: " + declarator);
            }
            else
            {
                // MQL5 zero-initialises global variables that have no initialiser.
                out.append(constant ? "const " : "").append(type).append(' ').append(name)
                    .append(init == null ? "{}" : " = " + stringLiterals(init)).append(';');
            }
            out.append(' ');
        }
        return out.toString().trim() + "\n".repeat(lineOf(item.end) - lineOf(item.start));
    }

    private static int originalDeclaratorsStart(final String original, final String type)
    {
        final Matcher m = Pattern.compile("\\b" + Pattern.quote(type) + "\\s+").matcher(original);
        if (!m.find())
        {
            throw new IllegalStateException(original);
        }
        return m.end();
    }

    private String function(final Item item)
    {
        final String text = source.substring(item.start, item.end);
        final String maskedText = masked.substring(item.start, item.end);
        final int open = maskedText.indexOf('{');
        final Matcher head = FUNCTION.matcher(collapse(maskedText.substring(0, open)));
        if (!head.matches())
        {
            throw refuse(item.start, "function not understood");
        }
        requireType(head.group(1), item.start);
        final String name = head.group(2);
        final int paramsOpen = maskedText.indexOf('(');
        final int paramsClose = maskedText.lastIndexOf(')', open);
        final String params = maskedText.substring(paramsOpen + 1, paramsClose);
        for (final String param : splitTopLevel(params))
        {
            checkParameter(collapse(param), item.start);
        }
        // Array parameters: T &name[] -> mql5::ArrayRef<T> name (binds dynamic and static arrays).
        final StringBuilder out = new StringBuilder();
        final Matcher array = ARRAY_PARAMETER.matcher(maskedText.substring(0, paramsClose));
        int last = 0;
        while (array.find())
        {
            out.append(text, last, array.start());
            out.append("mql5::ArrayRef<").append(array.group(1) == null ? "" : "const ").append(array.group(2)).append("> ")
                .append(array.group(3));
            last = array.end();
        }
        out.append(text, last, paramsClose + 1);
        if (HANDLERS.contains(name))
        {
            out.append(" override");
        }
        out.append(body(text.substring(paramsClose + 1), maskedText.substring(paramsClose + 1), item.start + paramsClose + 1));
        return out.toString();
    }

    private void checkParameter(final String param, final int at)
    {
        if (param.isEmpty() || "void".equals(param))
        {
            return;
        }
        final String withoutDefault = param.contains("=") ? param.substring(0, param.indexOf('=')).trim() : param;
        final Matcher m = Pattern.compile("^(?:const\\s+)?(" + IDENT + ")\\s*(&)?\\s*(" + IDENT + ")\\s*(\\[\\s*\\])?$").matcher(withoutDefault);
        if (!m.matches())
        {
            throw refuse(at, "parameter not understood: " + param);
        }
        requireType(m.group(1), at);
        if (m.group(4) != null && m.group(2) == null)
        {
            throw refuse(at, "an array parameter must be passed by reference: " + param);
        }
    }

    /** A function body: local arrays rewritten; what would behave differently in C++ refused. */
    private String body(final String text, final String maskedText, final int offset)
    {
        final Matcher refused = Pattern.compile("(?<![A-Za-z0-9_])(static|new|delete|template|class)(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])[DC]'").matcher(maskedText);
        if (refused.find())
        {
            final String what = refused.group(1) != null ? "'" + refused.group(1) + "'" : "a D'...' or C'...' literal";
            throw refuse(offset + refused.start(), what + " in a function body is not supported" +
                ("static".equals(refused.group(1)) ? " (a restart must re-run every initialiser)" : ""));
        }
        final Matcher local = Pattern.compile("(?<![A-Za-z0-9_.])(const\\s+)?(" + IDENT + ")\\s+(" + IDENT + ")\\s*\\[([^\\]\\[]*)\\]\\s*([;=,\\[])").matcher(maskedText);
        final StringBuilder out = new StringBuilder();
        int last = 0;
        while (local.find())
        {
            if (!types.contains(local.group(2)) || !atStatementStart(maskedText, local.start()))
            {
                continue;
            }
            if (!";".equals(local.group(5)))
            {
                throw refuse(offset + local.start(), "local array declarations with initialisers, several declarators or several dimensions are not supported");
            }
            final String size = local.group(4).trim();
            if (!size.isEmpty() && !size.matches(IDENT + "|\\d+"))
            {
                throw refuse(offset + local.start(), "array size not understood: " + size);
            }
            out.append(text, last, local.start());
            out.append(local.group(1) == null ? "" : "const ").append(arrayDeclaration(local.group(2), local.group(3), size)).append(';');
            last = local.end();
        }
        out.append(text.substring(last));
        return stringLiterals(out.toString());
    }

    /**
     * An MQL5 string literal is a {@code string} ({@code "a" + "b"} is a concatenation), a C++ one a
     * {@code const char[]}: each literal (adjacent ones together) becomes {@code mql5::string(...)}.
     * Preprocessor lines are left alone.
     */
    static String stringLiterals(final String text)
    {
        final String maskedText = mask(text);
        final StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length())
        {
            final char c = maskedText.charAt(i);
            if (c == '#' && lineStart(maskedText, i))
            {
                final int end = maskedText.indexOf('\n', i);
                final int stop = end < 0 ? text.length() : end;
                out.append(text, i, stop);
                i = stop;
                continue;
            }
            if (c != '"')
            {
                out.append(text.charAt(i++));
                continue;
            }
            int end = maskedText.indexOf('"', i + 1) + 1;
            while (true)
            {
                int next = end;
                while (next < text.length() && Character.isWhitespace(maskedText.charAt(next)))
                {
                    next++;
                }
                if (next < text.length() && maskedText.charAt(next) == '"')
                {
                    end = maskedText.indexOf('"', next + 1) + 1;
                }
                else
                {
                    break;
                }
            }
            out.append("mql5::string(").append(text, i, end).append(')');
            i = end;
        }
        return out.toString();
    }

    private static boolean lineStart(final String text, final int at)
    {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t'))
        {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }

    private static boolean atStatementStart(final String text, final int at)
    {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i)))
        {
            i--;
        }
        return i < 0 || "{};):".indexOf(text.charAt(i)) >= 0;
    }

    private void requireType(final String type, final int at)
    {
        if (!types.contains(type) && !type.startsWith("ENUM_"))
        {
            throw refuse(at, "unknown type '" + type + "'");
        }
    }

    // ------------------------------------------------------------------ helpers

    private Mql5TranslationException refuse(final int offset, final String message)
    {
        return new Mql5TranslationException(fileName, lineOf(offset), message);
    }

    private int lineOf(final int offset)
    {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high)
        {
            final int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    private String firstLine(final int offset)
    {
        final int end = source.indexOf('\n', offset);
        return source.substring(offset, end < 0 ? source.length() : end).trim();
    }

    private void lineDirective(final StringBuilder out, final int line)
    {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n')
        {
            out.append('\n');
        }
        out.append("#line ").append(line).append(" \"").append(fileName).append("\"\n");
    }

    private String blankLines(final Item item)
    {
        return "\n".repeat(lineOf(item.end) - lineOf(item.start));
    }

    private static String collapse(final String text)
    {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** Splits on commas outside parentheses, brackets and braces. */
    private static List<String> splitTopLevel(final String text)
    {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        int last = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{')
            {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.add(text.substring(last, i));
                last = i + 1;
            }
        }
        parts.add(text.substring(last));
        return parts;
    }

    /** The text with comments blanked and string/char literal contents replaced by spaces; newlines kept. */
    static String mask(final String text)
    {
        final StringBuilder out = new StringBuilder(text);
        int i = 0;
        final int n = text.length();
        while (i < n)
        {
            final char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')
            {
                while (i < n && text.charAt(i) != '\n')
                {
                    out.setCharAt(i++, ' ');
                }
            }
            else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*')
            {
                final int end = text.indexOf("*/", i + 2);
                final int stop = end < 0 ? n : end + 2;
                for (; i < stop; i++)
                {
                    if (text.charAt(i) != '\n')
                    {
                        out.setCharAt(i, ' ');
                    }
                }
            }
            else if (c == '"' || c == '\'')
            {
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n')
                {
                    if (text.charAt(i) == '\\' && i + 1 < n)
                    {
                        out.setCharAt(i++, ' ');
                    }
                    out.setCharAt(i++, ' ');
                }
                i++;
            }
            else
            {
                i++;
            }
        }
        return out.toString();
    }

    private static Map<String, String> orderedMap(final String... keysAndValues)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
