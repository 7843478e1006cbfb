// ringfence-bridge-harness: runs the translated Expert Advisor against the model terminal, driven by
// one command per stdin line (README.md). Every command is answered "OK" or "ERR <reason>".
#include "harness.h"

#include <iostream>
#include <sstream>

namespace
{
void usage()
{
    std::cerr << "usage: ringfence-bridge-harness [--input Name=Value]... [--unpaced] [--chart SYMBOL] [--allow HOST]...\n";
}

harness::Words split(const std::string& line)
{
    harness::Words words;
    std::istringstream in(line);
    std::string word;
    while (in >> word)
    {
        words.push_back(word);
    }
    return words;
}
} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; i++)
    {
        const std::string arg = argv[i];
        if (arg == "--input" && i + 1 < argc)
        {
            const std::string kv = argv[++i];
            const size_t eq = kv.find('=');
            if (eq == std::string::npos || eq == 0)
            {
                usage();
                return 2;
            }
            harness::set_input_override(kv.substr(0, eq), kv.substr(eq + 1));
        }
        else if (arg == "--unpaced")
        {
            harness::set_paced(false);
        }
        else if (arg == "--chart" && i + 1 < argc)
        {
            harness::set_chart_symbol(argv[++i]);
        }
        else if (arg == "--allow" && i + 1 < argc)
        {
            harness::allow_host(argv[++i]);
        }
        else
        {
            usage();
            return 2;
        }
    }
    harness::install_fault_handlers();
    std::string line;
    while (std::getline(std::cin, line))
    {
        const harness::Words words = split(line);
        if (words.empty() || words[0][0] == '#')
        {
            continue;
        }
        const std::string& verb = words[0];
        std::string error;
        try
        {
            if (!harness::runtime_command(verb, words) && !harness::model_command(verb, words))
            {
                error = "unknown command " + verb;
            }
            else
            {
                harness::deliver_events();
            }
        }
        catch (const harness::CommandError& e)
        {
            error = e.what();
        }
        catch (const std::exception& e)
        {
            error = e.what();
        }
        const std::string failure = harness::take_program_failure();
        if (error.empty() && !failure.empty())
        {
            error = failure;
        }
        harness::emit(error.empty() ? "OK" : "ERR " + error);
    }
    return 0;
}
