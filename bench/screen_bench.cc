// Screening throughput on generated Swedish narratives, single-threaded and on all cores, and
// the ratio to `grep -c -i -E '<lexicon words>'` over the same file. Prints; asserts nothing.
//   screen_bench [megabytes=64] [workdir=/tmp]
// MiB/s and MB/s (the target is in MB/s, 10^6 bytes). The single-thread line also gives the
// thread's CPU time: on a loaded machine the wall time includes waiting for the core.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "screen/screener.h"

namespace {

using vaksam::screen::Screener;

// Sentence parts, combined at random into narratives of the kinds that reach the inspectorate.
const char* kOpenings[] = {
    "Enligt anmälan ", "Kvinnan uppger att ", "Av journalen framgår att ", "Anhöriga berättar att ",
    "Personalen har rapporterat att ", "Vid hembesöket framkom att ", "Det har framkommit att ",
    "Socialsekreteraren antecknade att ", "Eleven berättade för kuratorn att ", "Grannen har hört att ",
    "Det är oklart om ", "Patienten förnekar att ", "Vid samtalet uppgav hon att ", "Läkaren noterade att "};
const char* kSubjects[] = {"hennes sambo", "pappan", "en medarbetare", "hans före detta fru", "en annan boende",
                           "mannen", "brodern", "hennes make", "en skötare", "sonen", "pojkvännen", "en medpatient",
                           "mamman", "familjehemspappan", "assistenten", "styvpappan"};
const char* kActs[] = {"slagit henne i ansiktet", "hotat att döda henne", "tagit hennes pass och telefon",
                       "knuffat honom mot väggen", "tagit stryptag på henne", "tvingat henne till sex",
                       "tagit ut pengar från hans konto", "låst in barnen i förrådet", "skrikit åt personalen",
                       "följt efter henne till jobbet", "nekat pojken mat som straff", "sparkat honom när han låg ner",
                       "skickat hundratals sms under natten", "hållit fast honom på golvet",
                       "kontrollerat vem hon träffar", "lånat pengar av brukaren"};
const char* kChores[] = {"hjälpt henne med maten", "bokat en tid på vårdcentralen", "glömt att ringa tillbaka",
                         "flyttat till en annan ort", "ansökt om bostadsanpassning", "fått fel dos av sin medicin",
                         "väntat på ett beslut i fyra månader", "bytt kontaktperson två gånger",
                         "klagat på maten på avdelningen", "missat sin tid hos tandläkaren",
                         "begärt ut sin journal", "fått ett nytt hjälpmedel", "ramlat i badrummet",
                         "skrivits ut utan läkemedelslista", "fått avslag på sin ansökan"};
const char* kTails[] = {". ", " när barnen var hemma. ", " flera gånger i veckan. ", " i samband med separationen. ",
                        " förra helgen. ", " enligt uppgift. ", " för flera år sedan. ", ", men hon vill inte anmäla. "};
const char* kOthers[] = {
    "Ingen riskbedömning har gjorts och någon orosanmälan har inte upprättats. ",
    "Verksamheten saknar rutin för att fråga om våld i nära relationer. ",
    "Beslutet om placering i skyddat boende har inte verkställts. ",
    "Vid undersökningen fanns inga tecken på yttre våld. ", "Hon har blåmärken på båda armarna. ",
    "Handläggaren bedömde att det rörde sig om en vanlig konflikt. ",
    "Brandlarmet har inte fungerat sedan i vintras. ", "Väntetiden till BUP är nu femton månader. ",
    "Personalen ska utbildas i bemötande under hösten. ", "Mamma slog i huvudet när hon föll i badrummet. ",
    "Influensan slog igenom på avdelningen under julhelgen. ", "Läkemedelsgenomgångar har inte genomförts. ",
    "Hemtjänsten kommer vid olika tider varje dag. ", "Barnen är rädda för honom och vill inte gå hem. ",
    "Den boende fick fel dos av sina tabletter två gånger. ", "Jag förstår inte mina provsvar. "};

template <size_t N>
const char* pick(const char* (&a)[N], std::mt19937& rng) {
  return a[rng() % N];
}

// About a third of the narratives concern violence, as in what reaches an inspectorate; the
// rest are care complaints, with the same sentence frames.
std::vector<std::string> generate(size_t bytes) {
  std::mt19937 rng(2025);
  std::vector<std::string> texts;
  size_t total = 0;
  while (total < bytes) {
    std::string t;
    size_t target = 200 + rng() % 500;
    bool violent = rng() % 3 == 0;
    while (t.size() < target) {
      if (rng() % 3 == 0) {
        t += pick(kOthers, rng);
      } else {
        std::string s = std::string(pick(kOpenings, rng)) + pick(kSubjects, rng) + " har " +
                        (violent && rng() % 2 ? pick(kActs, rng) : pick(kChores, rng)) + pick(kTails, rng);
        if (t.empty() || t.back() == ' ') s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
        t += s;
      }
    }
    total += t.size() + 1;
    texts.push_back(std::move(t));
  }
  return texts;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
  std::string dir = argc > 2 ? argv[2] : "/tmp";
  const Screener screener;  // builds the lexicon once, before timing
  std::printf("lexicon %s: %zu entries, %zu patterns, %zu anchor literals\n", screener.lexicon().version().c_str(),
              screener.lexicon().entries().size(), screener.lexicon().patterns().size(),
              screener.lexicon().literals().size());

  std::vector<std::string> texts = generate(mb << 20);
  size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size() + 1;
  std::string file = dir + "/vaksam_screen_bench.txt";
  {
    std::ofstream out(file, std::ios::binary);
    for (const auto& t : texts) out << t << '\n';
  }
  double mib = static_cast<double>(bytes) / (1 << 20);
  std::printf("generated %zu narratives, %.1f MiB, written to %s\n", texts.size(), mib, file.c_str());

  double mbytes = static_cast<double>(bytes) / 1e6;
  auto t0 = std::chrono::steady_clock::now();
  double cpu0 = thread_cpu_seconds();
  size_t flagged = 0, evidence = 0;
  for (const auto& t : texts) {
    auto r = screener.screen(t);
    flagged += r.violence;
    evidence += r.evidence.size();
  }
  double single = seconds_since(t0);
  double cpu = thread_cpu_seconds() - cpu0;
  std::printf("single thread: %.2f s, %.1f MiB/s = %.1f MB/s, %.0f texts/s (%zu flagged, %zu evidence spans)\n",
              single, mib / single, mbytes / single, texts.size() / single, flagged, evidence);
  std::printf("single thread CPU time: %.2f s, %.1f MiB/s = %.1f MB/s\n", cpu, mib / cpu, mbytes / cpu);

  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string_view> views(texts.begin(), texts.end());
  t0 = std::chrono::steady_clock::now();
  auto results = vaksam::screen::screen_all(screener, views, cores);
  double multi = seconds_since(t0);
  size_t flagged_multi = 0;
  for (const auto& r : results) flagged_multi += r.violence;
  std::printf("%u threads: %.2f s, %.1f MiB/s = %.1f MB/s (%zu flagged)\n", cores, multi, mib / multi, mbytes / multi,
              flagged_multi);

  // grep over the same file with the lexicon's words as one extended regular expression.
  std::string patterns = dir + "/vaksam_screen_bench.patterns";
  {
    std::ofstream out(patterns, std::ios::binary);
    out << screener.lexicon().as_grep_pattern() << '\n';
  }
  std::string cmd = "LC_ALL=C.UTF-8 grep -c -i -E -f " + patterns + " " + file;
  t0 = std::chrono::steady_clock::now();
  FILE* p = popen(cmd.c_str(), "r");
  char buf[64] = {0};
  if (p && std::fgets(buf, sizeof buf, p)) {
  }
  int rc = p ? pclose(p) : -1;
  double grep_s = seconds_since(t0);
  std::printf("grep -c -i -E (lexicon words): %.2f s, %.1f MiB/s, %ld matching lines (exit %d)\n", grep_s,
              mib / grep_s, std::strtol(buf, nullptr, 10), rc);
  std::printf("engine single thread / grep time: %.2fx (engine takes %.2f times grep's time)\n", single / grep_s,
              single / grep_s);
  std::remove(patterns.c_str());
  std::remove(file.c_str());
  return 0;
}
