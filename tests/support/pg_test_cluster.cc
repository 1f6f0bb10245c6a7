// Starts or stops the PostgreSQL server that a ctest run shares (a test fixture,
// see tests/CMakeLists.txt): the tests find it through the state file.
//   pg_test_cluster start <state-file>   initdb + pg_ctl start; writes the directory
//   pg_test_cluster stop <state-file>    pg_ctl stop; removes the directory and the file
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/postgres_cluster.h"

int main(int argc, char** argv) {
  using vaksam::testing::PostgresCluster;
  if (argc != 3) {
    std::fprintf(stderr, "usage: pg_test_cluster start|stop <state-file>\n");
    return 2;
  }
  const std::string command = argv[1], state = argv[2];
  try {
    if (command == "start") {
      if (std::filesystem::exists(state)) PostgresCluster::attach(state)->stop();  // left by an interrupted run
      auto cluster = PostgresCluster::start();
      std::ofstream(state) << cluster->dir() << "\n";
      cluster->keep_running();
      std::printf("PostgreSQL test server running in %s (%s)\n", cluster->dir().c_str(),
                  PostgresCluster::bindir().c_str());
      return 0;
    }
    if (command == "stop") {
      if (std::filesystem::exists(state)) PostgresCluster::attach(state)->stop();
      std::filesystem::remove(state);
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "pg_test_cluster: unknown command %s\n", command.c_str());
  return 2;
}
