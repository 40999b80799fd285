// PhoneFleet browser client: one GLFW window (the page's canvas), Dear ImGui on WebGL2, frames
// driven by the browser (platform::run_frames), never by a loop of our own.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "api/api_client.hpp"
#include "app/controller.hpp"
#include "app/frame_pacer.hpp"
#include "platform/platform.hpp"
#include "state/client_state.hpp"
#include "ui/input_queue.hpp"
#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace pf = phonefleet;
namespace client = phonefleet::client;

namespace {

constexpr float kFontCssPixels = 16.0f;
constexpr const char* kFontPath = "/fonts/DejaVuSans.ttf";  // embedded at link time

struct App {
    GLFWwindow* window = nullptr;
    client::ClientState state;
    client::ApiClient api{client::platform::make_fetch_transport()};
    client::Controller controller{state, api};
    ImGuiStyle base_style;       // at 1 device pixel per CSS pixel
    float pixel_ratio = 0.0f;    // the ratio fonts and style are currently built for
    std::string_view html_lang;  // the language <html lang> currently says
    bool first_frame_done = false;
    bool kiosk_page = false;     // /kiosk: the wall display, nothing else (F14)
    client::FramePacer pacer;
    unsigned activity_seen = 0;  // platform::activity_serial() at the last frame
};

// French needs Latin-1 (é, à, ç), Latin Extended-A (œ) and punctuation (— « » ’ …).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0x2000, 0x206F,  // General Punctuation
    0x20AC, 0x20AC,  // €
    0,
};

// ImGui draws in device pixels: rebuild the font at the screen's pixel ratio (crisp text on
// HiDPI) and scale spacing to match. Runs again when the ratio changes (browser zoom, screens).
void apply_pixel_ratio(App& app, float ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.OversampleH = 2;
    if (!io.Fonts->AddFontFromFileTTF(kFontPath, kFontCssPixels * ratio, &config, kGlyphRanges)) {
        std::fprintf(stderr, "font %s missing: falling back to ImGui's ASCII font\n", kFontPath);
        io.Fonts->AddFontDefault();
    }
    // The wall display reads from across a room: two larger faces, for it alone (the atlas of
    // the admin pages stays small).
    client::ui::fonts() = {};
    if (app.kiosk_page) {
        client::ui::fonts().large = io.Fonts->AddFontFromFileTTF(kFontPath, 2.0f * kFontCssPixels * ratio, &config, kGlyphRanges);
        static const ImWchar kDigits[] = {0x0020, 0x007F, 0};
        client::ui::fonts().huge = io.Fonts->AddFontFromFileTTF(kFontPath, 6.0f * kFontCssPixels * ratio, &config, kDigits);
    }
    // The backend re-uploads the atlas on its next NewFrame.
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui::GetStyle() = app.base_style;
    ImGui::GetStyle().ScaleAllSizes(ratio);
    app.pixel_ratio = ratio;
}

void draw_root(App& app) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("PhoneFleet", nullptr, flags);
    auto label = [&](const char* key, const char* id) {
        return std::string(pf::text(key, app.state.lang)) + "###" + id;
    };
    if (app.kiosk_page) {
        // The wall display: no top bar, no tabs, nothing to click (F14).
        if (app.state.view == client::View::Kiosk) client::views::draw_kiosk_view(app.state);
        else client::views::draw_kiosk_without_token(app.state);
    } else if (app.state.view == client::View::Login) {
        client::views::draw_top_bar(app.state, app.controller);
        client::views::draw_login_view(app.state, app.controller);
    } else {
        client::views::draw_top_bar(app.state, app.controller);
        // The guide: the Devices tab, then its Line States page.
        if (ImGui::BeginTabBar("tabs")) {
            if (client::ui::begin_tab(label("ui.devices.tab", "devices").c_str())) {
                if (ImGui::BeginTabBar("device_pages")) {
                    if (client::ui::begin_tab(label("ui.devices.list_tab", "device_list").c_str())) {
                        app.controller.set_tab(client::Tab::Devices);
                        client::views::draw_devices_view(app.state, app.controller);
                        client::ui::end_tab();
                    }
                    if (client::ui::begin_tab(label("ui.line_states.tab", "line_states").c_str())) {
                        app.controller.set_tab(client::Tab::LineStates);
                        client::views::draw_line_states_view(app.state, app.controller);
                        client::ui::end_tab();
                    }
                    ImGui::EndTabBar();
                }
                client::ui::end_tab();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
    client::views::draw_toasts(app.state);
}

// What a frame drew, as one number: frames with the same digest look the same. Eight bytes
// at a time (ImHashData's CRC32 goes byte by byte: a frame of a large table is ~0.5 MB).
std::uint64_t digest_of(const ImDrawData& data) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull;
    auto mix = [&h](const void* p, std::size_t n) {
        const auto* bytes = static_cast<const unsigned char*>(p);
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, bytes + i, 8);
            h = (h ^ w) * 0x100000001B3ull;
            h ^= h >> 29;
        }
        for (; i < n; ++i) h = (h ^ bytes[i]) * 0x100000001B3ull;
    };
    mix(&data.DisplaySize, sizeof data.DisplaySize);
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImDrawList& list = *data.CmdLists[i];
        mix(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.size_in_bytes()));
        mix(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.size_in_bytes()));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            mix(&cmd.ClipRect, sizeof cmd.ClipRect);
            mix(&cmd.TextureId, sizeof cmd.TextureId);
            mix(&cmd.ElemCount, sizeof cmd.ElemCount);
        }
    }
    return h;
}

void frame(App& app) {
    const unsigned activity = client::platform::activity_serial();
    bool woken = activity != app.activity_seen;
    app.activity_seen = activity;
    const float ratio = client::platform::sync_canvas_size(app.window);
    if (ratio != app.pixel_ratio) {
        apply_pixel_ratio(app, ratio);
        woken = true;
    }

    // Answers that arrived since the last frame update the state before anything is drawn.
    if (app.api.deliver() > 0) woken = true;
    const std::string_view lang = pf::language_tag(app.state.lang);
    if (lang != app.html_lang) {
        client::platform::set_document_language(lang);
        app.html_lang = lang;
    }

    // A file chosen in the picker or dropped onto the page since the last frame.
    if (auto file = client::platform::take_received_file()) {
        app.controller.import_file(std::move(file->name), std::move(file->bytes));
        woken = true;
    }
    const bool busy = client::ui::animation_drawn() || client::ui::pending_input_events() > 0 ||
                      app.api.in_flight() > 0 || app.controller.needs_every_frame();
    if (!app.pacer.should_draw(glfwGetTime(), woken, busy)) return;
    client::ui::animation_drawn() = false;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    client::ui::feed_input_queue();
    ImGui::NewFrame();
    client::ui::registry().begin_frame(ratio);
    app.controller.tick(ImGui::GetTime());
    draw_root(app);
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(app.window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    app.pacer.drawn_frame(digest_of(*ImGui::GetDrawData()));
    client::ui::registry().end_frame();

    if (!app.first_frame_done) {
        app.first_frame_done = true;
        client::platform::hide_loading_message();
    }
}

}  // namespace

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "PhoneFleet", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "no WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(window);

    // The app lives as long as the page; frames reach it through the browser's main loop.
    auto* app = new App();
    app->window = window;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini in the browser's virtual file system
    ImGui::StyleColorsLight();
    ImGui::GetStyle().FrameRounding = 3.0f;
    ImGui::GetStyle().FrameBorderSize = 1.0f;
    app->base_style = ImGui::GetStyle();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    client::platform::track_activity();
    client::ui::install_input_queue(window);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    // The address may ask for a language (a wall display set up once); else the browser's.
    const std::string asked = client::platform::requested_language();
    app->controller.set_language(pf::language_from_header(asked.empty() ? client::platform::preferred_language() : asked));
    client::views::set_time_zone(client::platform::time_zone_name());
    app->kiosk_page = client::platform::on_kiosk_page();
    app->controller.set_page_origin(client::platform::page_origin());
    if (app->kiosk_page) {
        if (std::string token = client::platform::kiosk_token(); !token.empty())
            app->controller.start_kiosk(std::move(token));
    }

    client::platform::expose_to_page({
        [app] { return std::string(client::view_name(app->state.view, app->state.tab)); },
        [] { return client::ui::registry().last_frame_json(); },
        [] { return client::ui::pending_input_events(); },
        [app] { return app->pacer.drawn(); },
        [](double x, double y) { client::ui::queue_click(x, y); },
    });
    app->controller.set_file_hooks({
        [] { client::platform::open_file_picker(); },
        [](const std::string& name, const std::string& mime, const std::string& content) {
            client::platform::save_file(name, mime, content);
        },
    });
    client::platform::run_frames([app] { frame(*app); });
    return 0;
}
