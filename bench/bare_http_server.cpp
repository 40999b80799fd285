// The reference of the inventory benchmark: a bare cpp-httplib server configured like ours
// (thread pool, TCP_NODELAY) answering every GET with the same JSON body, read from a file,
// with no authentication, database or serialisation. Our server is measured against it.
#include <httplib.h>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: bare_http_server BODY_FILE PORT THREADS\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    const std::string json = body.str();
    const int threads = std::stoi(argv[3]);

    httplib::Server server;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    server.set_tcp_nodelay(true);
    server.Get(R"(/.*)", [&json](const httplib::Request&, httplib::Response& res) {
        res.set_content(json, "application/json");
    });
    std::cout << "bare server on 127.0.0.1:" << argv[2] << std::endl;
    return server.listen("127.0.0.1", std::stoi(argv[2])) ? 0 : 1;
}
