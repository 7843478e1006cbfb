package dev.ringfence.gateway.mql5;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The translator's rewrites and refusals, on small sources and on the real EA. */
class Mql5TranslatorTest
{
    private static final Map<String, String> STRUCTS = Map.of(Mql5Translator.FRAME_HEADER, "Header", "PING", "Ping");
    private static final String PROTOCOL = String.join("\n",
        "## Framing",
        "```",
        "offset size  field",
        "0      4     frameLength",
        "8      ...   body           the message's fixed layout",
        "```",
        "| type | name | direction | body |",
        "|---|---|---|---|",
        "| 1 | PING | both | 0: nanos int64, 8: tag char[4] (12 bytes) |",
        "");

    private static final String EA = String.join("\n",
        "#property strict",                                              // 1
        "input int    InpPort = 7788;   // port",                        // 2
        "input string InpHost = \"127.0.0.1\";",                         // 3
        "struct Header { uint length; ushort type; ushort version; };",  // 4
        "struct Ping",                                                   // 5
        "  {",                                                           // 6
        "   long nanos;",                                                // 7
        "   uchar tag[4];",                                              // 8
        "  };",                                                          // 9
        "uchar g_in[];",                                                 // 10
        "int   g_count;",                                                // 11
        "const int LIMIT = 4;",                                          // 12
        "void Fill(uchar &field[], const uchar &from[]);",               // 13
        "int OnInit()",                                                  // 14
        "  {",                                                           // 15
        "   uchar body[];",                                              // 16
        "   uchar fixed[LIMIT];",                                        // 17
        "   Fill(fixed, body);",                                         // 18
        "   Print(\"a\" + \"b\", \"c\" \"d\");",                                     // 19
        "   return INIT_SUCCEEDED; }",                                   // 20
        "void Fill(uchar &field[], const uchar &from[])",                // 21
        "  {",                                                           // 22
        "   field[0] = from[0];",                                        // 23
        "  }",                                                           // 24
        "");

    private static Mql5Translator.Translation translate(final String source)
    {
        return Mql5Translator.translate(source, "Test.mq5", PROTOCOL, STRUCTS);
    }

    private static int refusedLine(final String source)
    {
        return assertThrows(Mql5TranslationException.class, () -> translate(source)).line();
    }

    @Test
    void rewritesInputsArraysParametersAndStructs()
    {
        final Mql5Translator.Translation t = translate(EA);
        final String cpp = t.cpp();
        assertEquals(List.of("InpPort", "InpHost"), t.inputs());
        assertFalse(cpp.contains("#property"));
        assertTrue(cpp.contains("const int InpPort = mql5::input<int>(\"InpPort\", 7788);   // port"), cpp);
        assertTrue(cpp.contains("const string InpHost = mql5::input<string>(\"InpHost\", \"127.0.0.1\");"), cpp);
        assertTrue(cpp.contains("#pragma pack(push, 1)\n#line 5 \"Test.mq5\"\nstruct Ping"), cpp);
        assertTrue(cpp.contains("mql5::FixedArray<uchar, 4> tag;"), cpp);
        assertTrue(cpp.contains("mql5::MqlArray<uchar> g_in;"), cpp);
        assertTrue(cpp.contains("int g_count{};"), "globals are zero-initialised: " + cpp);
        assertTrue(cpp.contains("static constexpr int LIMIT = 4;"), cpp);
        assertTrue(cpp.contains("mql5::MqlArray<uchar> body;"), cpp);
        assertTrue(cpp.contains("mql5::FixedArray<uchar, LIMIT> fixed;"), cpp);
        assertTrue(cpp.contains("void Fill(mql5::ArrayRef<uchar> field, mql5::ArrayRef<const uchar> from)"), cpp);
        assertTrue(cpp.contains("int OnInit() override"), "handlers must override mql5::Program's: " + cpp);
        assertTrue(cpp.contains("Print(mql5::string(\"a\") + mql5::string(\"b\"), mql5::string(\"c\" \"d\"));"),
            "MQL5 string literals are strings: " + cpp);
        assertFalse(cpp.contains("void Fill(uchar"), "the prototype is dropped (a class needs none): " + cpp);
        assertTrue(cpp.contains("class Expert_Test final : public mql5::Program"), cpp);
        assertTrue(cpp.contains("mql5::Program* mql5::create_program()"), cpp);
    }

    @Test
    void assertsEveryMessageSizeFromProtocolAfterTheStructs()
    {
        final String cpp = translate(EA).cpp();
        final int asserts = cpp.indexOf("static_assert(sizeof(Ping) == 12, \"PROTOCOL.md: PING is 12 bytes\");");
        assertTrue(asserts > cpp.indexOf("struct Ping"), cpp);
        assertTrue(cpp.contains("static_assert(sizeof(Header) == 8, \"PROTOCOL.md: the frame header is 8 bytes\");"), cpp);
        final String changed = Mql5Translator.translate(EA, "Test.mq5", PROTOCOL.replace("(12 bytes)", "(13 bytes)"), STRUCTS).cpp();
        assertTrue(changed.contains("sizeof(Ping) == 13"), "the size is PROTOCOL.md's, not the translator's");
    }

    @Test
    void lineDirectivesPointAtTheMq5Lines()
    {
        final String cpp = translate(EA).cpp();
        final String[] lines = cpp.split("\n", -1);
        int mapped = -1;
        for (final String line : lines)
        {
            if (line.startsWith("#line "))
            {
                mapped = Integer.parseInt(line.split(" ")[1]);
                continue;
            }
            if (mapped > 0)
            {
                if (line.contains("field[0] = from[0];"))
                {
                    assertEquals(23, mapped);
                }
                if (line.contains("return INIT_SUCCEEDED;"))
                {
                    assertEquals(20, mapped);
                }
                mapped++;
            }
        }
    }

    @Test
    void refusesWhatItDoesNotUnderstandWithTheLine()
    {
        assertEquals(2, refusedLine("#property strict\n#include <Trade\\Trade.mqh>\n"));
        assertEquals(3, refusedLine("int a;\n\nclass Foo { int x; };\n"));
        assertEquals(2, refusedLine("int a;\ntemplate<typename T> T Max(T x, T y) { return x; }\n"));
        assertEquals(4, refusedLine("void F()\n  {\n   int x = 1;\n   static int calls = 0;\n  }\n"));
        assertEquals(3, refusedLine("void F()\n  {\n   int values[] = {1, 2};\n  }\n"));
        assertEquals(3, refusedLine("void F()\n  {\n   double grid[3][4];\n  }\n"));
        assertEquals(1, refusedLine("CTrade trade;\n"));
        assertEquals(2, refusedLine("struct A { int x; };\nstruct B { int f() { return 1; } };\n"));
        assertEquals(1, refusedLine("void F(uchar buffer[]) { }\n"));
        assertEquals(2, refusedLine("void F()\n  { datetime t = D'2024.01.01'; }\n"));
    }

    @Test
    void refusesAProtocolAndAStructTableThatDisagree()
    {
        final Mql5TranslationException unknownMessage = assertThrows(Mql5TranslationException.class,
            () -> Mql5Translator.translate(EA, "Test.mq5", PROTOCOL + "| 2 | PONG | both | 0: nanos int64 (8 bytes) |\n", STRUCTS));
        assertTrue(unknownMessage.getMessage().contains("PONG"), unknownMessage.getMessage());
        final Mql5TranslationException missingStruct = assertThrows(Mql5TranslationException.class,
            () -> translate(EA.replace("struct Ping", "struct Pong")));
        assertTrue(missingStruct.getMessage().contains("Ping"), missingStruct.getMessage());
        assertThrows(Mql5TranslationException.class,
            () -> Mql5Translator.translate(EA, "Test.mq5", PROTOCOL.replace("8      ...   body", "8      4     body"), STRUCTS));
    }

    @Test
    void assertsTheProtocolVersionWhenProtocolMdStatesOne()
    {
        final String versioned = PROTOCOL.replace("0      4     frameLength", "6      2     version        protocol version, 3 (uint16)\n0      4     frameLength");
        assertTrue(Mql5Translator.translate("#define RF_VERSION 3\n" + EA, "Test.mq5", versioned, STRUCTS).cpp()
            .contains("static_assert(RF_VERSION == 3, \"PROTOCOL.md: protocol version 3\");"));
        assertThrows(Mql5TranslationException.class, () -> Mql5Translator.translate(EA, "Test.mq5", versioned, STRUCTS));
    }

    @Test
    void translatesTheRealExpertAdvisorWithEveryProtocolMessageAsserted() throws Exception
    {
        final Path module = Mql5HarnessBuild.moduleDir();
        final Mql5Translator.Translation t = Mql5Translator.translate(
            Files.readString(module.resolve("mql5/RingfenceBridge.mq5")), "RingfenceBridge.mq5", Files.readString(module.resolve("PROTOCOL.md")));
        for (final Map.Entry<String, String> message : Mql5Translator.MESSAGE_STRUCTS.entrySet())
        {
            assertTrue(t.cpp().contains("static_assert(sizeof(" + message.getValue() + ") == "), message.getKey());
        }
        assertTrue(t.inputs().containsAll(List.of("InpHost", "InpPort", "InpSecret")), t.inputs().toString());
    }
}
