// Output validator for A plus B (ICPC/Kattis protocol):
//   validator input_file answer_file feedback_dir [flags] < team_output
// Exit 42 accepts, 43 rejects; the reason goes to feedback_dir/judgemessage.txt.
// It recomputes a + b from the input (128-bit, so no overflow), so the answer file is only a
// cross-check, and it insists on exactly one integer in canonical form.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

static std::string feedback_dir;

[[noreturn]] static void verdict(int code, const std::string& message) {
    std::ofstream(feedback_dir + "judgemessage.txt") << message << "\n";
    std::exit(code);
}

static bool parse(const std::string& s, __int128& out) {
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && s[i] == '-') { negative = true; i++; }
    if (i == s.size() || s.size() - i > 20) return false;
    if (s[i] == '0' && s.size() - i > 1) return false;  // no leading zeros
    __int128 v = 0;
    for (; i < s.size(); i++) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        v = v * 10 + (s[i] - '0');
    }
    if (negative && v == 0) return false;  // "-0"
    out = negative ? -v : v;
    return true;
}

static std::string show(__int128 v) {
    if (v == 0) return "0";
    bool negative = v < 0;
    std::string s;
    for (; v != 0; v /= 10) s.insert(s.begin(), char('0' + (negative ? -(v % 10) : v % 10)));
    return negative ? "-" + s : s;
}

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: validator input answer feedback_dir [flags] < output\n";
        return 1;
    }
    feedback_dir = argv[3];
    std::ifstream input(argv[1]), answer(argv[2]);
    std::string as, bs, expected_text;
    __int128 a, b, expected;
    if (!(input >> as >> bs) || !parse(as, a) || !parse(bs, b)) {
        std::cerr << "bad input file\n";
        return 1;  // neither 42 nor 43: a judge error
    }
    if (!(answer >> expected_text) || !parse(expected_text, expected) || expected != a + b) {
        std::cerr << "answer file does not hold a + b\n";
        return 1;
    }
    std::string token, extra;
    if (!(std::cin >> token)) verdict(43, "no output: expected " + show(expected));
    __int128 got;
    if (!parse(token, got)) verdict(43, "'" + token.substr(0, 40) + "' is not an integer");
    if (got != expected) verdict(43, "expected " + show(expected) + ", got " + show(got));
    if (std::cin >> extra) verdict(43, "extra output after the answer: '" + extra.substr(0, 40) + "'");
    return 42;
}
