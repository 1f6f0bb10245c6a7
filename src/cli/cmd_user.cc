// `vaksam user`: local accounts for the server. The command line acts as an
// administrator on the machine where the key file is; every change is audited.
#include <CLI/CLI.hpp>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "server/accounts.h"
#include "server/api_error.h"

namespace vaksam::cli {

namespace {

std::string strip_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string read_line_hidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::fprintf(stderr, "\n");
  return strip_newline(line);
}

// From --password-file, a terminal (asked twice), or the first line of stdin.
std::optional<std::string> read_password(const std::string& file) {
  if (!file.empty()) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    return strip_newline(line);
  }
  if (::isatty(STDIN_FILENO)) {
    const auto first = read_line_hidden("password: ");
    if (read_line_hidden("again: ") != first) {
      std::fprintf(stderr, "vaksam: the passwords differ\n");
      return std::nullopt;
    }
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return strip_newline(line);
}

}  // namespace

CLI::App* add_user_command(CLI::App& app, UserArgs& args) {
  auto* user = app.add_subcommand("user", "accounts for the server: add, list, disable, assign units, API tokens");
  user->require_subcommand(1);
  args.add = user->add_subcommand("add", "create an account (password from stdin or --password-file)");
  args.add->add_option("name", args.name, "sign-in name")->required();
  args.add->add_option("--role", args.role, "administrator, analyst, inspector, viewer or auditor")
      ->required()
      ->check(CLI::IsMember({"administrator", "analyst", "inspector", "viewer", "auditor"}));
  args.add->add_option("--password-file", args.password_file, "read the password from the first line of this file");
  args.list = user->add_subcommand("list", "every account with role, state and assigned units");
  args.disable = user->add_subcommand("disable", "disable an account and end its sessions");
  args.disable->add_option("name", args.name, "the account")->required();
  args.assign = user->add_subcommand("assign", "assign a unit to an inspector (full texts of its cases)");
  args.assign->add_option("name", args.name, "the inspector")->required();
  args.assign->add_option("--unit", args.unit, "unit id")->required();
  args.token = user->add_subcommand("token", "issue an API token for system integration (shown once)");
  args.token->add_option("name", args.name, "the account the token acts as")->required();
  args.token->add_option("--label", args.label, "what the token is for");
  user->footer(
      "Examples:\n"
      "  vaksam user add anna --role analyst --password-file /run/secrets/anna\n"
      "  printf '%s\\n' \"$PASSWORD\" | vaksam user add ivar --role inspector\n"
      "  vaksam user assign ivar --unit U-IFO-0180\n"
      "  vaksam user token etl --label \"nightly import\"\n"
      "  vaksam user list\n"
      "  vaksam user disable anna");
  return user;
}

int run_user(const Workspace& ws, const UserArgs& args) {
  Session session = Session::open(ws);
  auto& store = *session.store;
  try {
    if (args.list->parsed()) {
      std::printf("%-24s %-14s %-9s %s\n", "name", "role", "state", "assigned units");
      for (const auto& u : store.users()) {
        std::string units;
        for (const auto& unit : store.assigned_units(u.name)) units += (units.empty() ? "" : ", ") + unit;
        std::printf("%-24s %-14s %-9s %s\n", u.name.c_str(), u.role.c_str(), u.disabled ? "disabled" : "active",
                    units.c_str());
      }
      return kOk;
    }
    std::string password;
    if (args.add->parsed()) {
      const auto p = read_password(args.password_file);
      if (!p) {
        std::fprintf(stderr, "vaksam: no password given (stdin or --password-file)\n");
        return kUsage;
      }
      password = *p;
    }
    std::string token;
    store::Transaction tx(store);
    if (args.add->parsed()) {
      server::create_account(store, args.name, args.role, password, session.actor.name);
      session.audit->record(session.actor, "create_user", "user", args.name, "role=" + args.role);
    } else if (args.disable->parsed()) {
      const int64_t ended = server::disable_account(store, args.name);
      session.audit->record(session.actor, "disable_user", "user", args.name, std::to_string(ended) + " sessions ended");
    } else if (args.assign->parsed()) {
      server::assign_unit(store, args.name, args.unit, session.actor.name);
      session.audit->record(session.actor, "assign_unit", "user", args.name, "unit=" + args.unit);
    } else if (args.token->parsed()) {
      token = server::issue_api_token(store, args.name, args.label);
      session.audit->record(session.actor, "issue_api_token", "user", args.name, "label=" + args.label);
    }
    tx.commit();
    session.audit->publish();
    if (args.add->parsed()) std::printf("created %s (%s)\n", args.name.c_str(), args.role.c_str());
    if (args.disable->parsed()) std::printf("disabled %s\n", args.name.c_str());
    if (args.assign->parsed()) std::printf("assigned unit %s to %s\n", args.unit.c_str(), args.name.c_str());
    if (!token.empty()) {
      std::printf("%s\n", token.c_str());
      std::fprintf(stderr, "API token for %s: shown once; send it as 'Authorization: Bearer <token>'\n",
                   args.name.c_str());
    }
    return kOk;
  } catch (const server::ApiError& e) {
    std::fprintf(stderr, "vaksam: %s\n", e.message_en().c_str());
    return kUsage;
  }
}

}  // namespace vaksam::cli
