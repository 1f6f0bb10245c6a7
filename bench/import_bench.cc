// Import throughput: N cases with ~500-byte Swedish narratives from CSV into
// SQLite through the real `vaksam` binary. Prints rows/s and peak RSS.
//   import_bench [rows=1000000] [workdir=/tmp]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "privacy/identity_number.h"
#include <vector>

namespace {

const char* kSentences[] = {
    "Kvinnan uppger att hon under lång tid utsatts för kontroll och hot av sin tidigare partner. ",
    "Socialtjänsten genomförde ingen strukturerad riskbedömning trots att hon berättade om våldet. ",
    "Barnen har bevittnat flera av händelserna och har inte erbjudits samtal eller stöd. ",
    "Anmälaren menar att handläggaren inte återkom efter det första besöket på mottagningen. ",
    "Enligt journalen söktes vård för blåmärken på armar och hals, men frågan om våld ställdes inte. ",
    "Verksamheten har enligt egen uppgift saknat rutin för att uppmärksamma våld i nära relationer. ",
    "Den boende med funktionsnedsättning har vid upprepade tillfällen hållits fast av personal. ",
    "Beslutet om placering i skyddat boende har ännu inte verkställts efter fyra månader. ",
    "Familjen ska ha begränsat flickans kontakter med vänner och hotat med att skicka henne utomlands. ",
    "Uppföljningen av insatsen dokumenterades inte och ingen ansvarig kunde nås under sommaren. ",
};

const char* kKinds[] = {"complaint", "tip", "lex_sarah", "lex_maria", "non_executed_decision", "survey_response"};
const char* kUnits[] = {"U-IFO-0180", "U-LSS-0180-1", "U-HVB-1480-1", "U-SIS-2480", "U-AKUT-01", "U-SKB-1480"};

// Streams the file to disk so the generator's memory does not count.
void write_cases(const std::string& path, long rows) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::mt19937 rng(42);
  std::fputs("case_id;case_kind;received_date;unit_id;principal_id;subject_pnr;subject_sex;subject_age_band;"
             "vulnerabilities;narrative\n", f);
  std::string line, narrative;
  for (long i = 0; i < rows; ++i) {
    narrative.clear();
    while (narrative.size() < 480) narrative += kSentences[rng() % 10];
    std::string pnr;
    if (i % 3 == 0) {  // a fictitious number (birth numbers 980-999) on every third case
      char nine[16];
      std::snprintf(nine, sizeof nine, "%02d%02d%02d%03d", static_cast<int>(rng() % 90 + 10),
                    static_cast<int>(rng() % 12 + 1), static_cast<int>(rng() % 28 + 1),
                    static_cast<int>(980 + rng() % 20));
      pnr = std::string(nine, 6) + "-" + std::string(nine + 6) + vaksam::privacy::luhn_check_digit(nine);
    }
    char date[16];
    std::snprintf(date, sizeof date, "20%02d-%02d-%02d", static_cast<int>(18 + rng() % 7),
                  static_cast<int>(rng() % 12 + 1), static_cast<int>(rng() % 28 + 1));
    line = "B" + std::to_string(i) + ";" + kKinds[rng() % 6] + ";" + date + ";" + kUnits[rng() % 6] + ";;" + pnr +
           ";;;;\"" + narrative + "\"\n";
    std::fwrite(line.data(), 1, line.size(), f);
  }
  std::fclose(f);
}

int run(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!freopen("/dev/null", "w", stdout)) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  const std::string base = argc > 2 ? argv[2] : "/tmp";
  const std::string dir = base + "/vaksam-bench-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string bin = VAKSAM_BINARY, db = dir + "/bench.db", csv = dir + "/cases.csv";
  const std::string examples = std::string(VAKSAM_SOURCE_DIR) + "/examples/";

  write_cases(csv, rows);
  const double mb = static_cast<double>(std::filesystem::file_size(csv)) / 1e6;
  if (run({bin, "--db", db, "init"}) != 0 || run({bin, "--db", db, "import", examples + "principals.csv",
                                                  examples + "units.csv"}) != 0) {
    std::fprintf(stderr, "setup failed\n");
    return 1;
  }
  rusage before{};
  getrusage(RUSAGE_CHILDREN, &before);
  const auto start = std::chrono::steady_clock::now();
  const int code = run({bin, "--db", db, "import", csv});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage after{};
  getrusage(RUSAGE_CHILDREN, &after);
  const double db_mb = static_cast<double>(std::filesystem::file_size(db)) / 1e6;
  std::printf("import_bench: %ld rows, %.0f MB CSV, exit %d\n", rows, mb, code);
  std::printf("  wall time      %.2f s\n", seconds);
  std::printf("  throughput     %.0f rows/s, %.1f MB/s\n", rows / seconds, mb / seconds);
  std::printf("  peak RSS       %.0f MB (largest child process)\n", after.ru_maxrss / 1024.0);
  std::printf("  database size  %.0f MB\n", db_mb);
  std::filesystem::remove_all(dir);
  return code == 0 ? 0 : 1;
}
