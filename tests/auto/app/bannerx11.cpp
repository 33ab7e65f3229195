#include "bannerx11.h"

#include <QGuiApplication>
#include <QStringList>
#include <QWidget>

#include <xcb/xcb.h>

#include <cstdlib>
#include <memory>

namespace Lanyard::Tests::BannerX11 {

namespace {

struct Free
{
    void operator()(void *p) const { std::free(p); }
};
template<typename T>
using Reply = std::unique_ptr<T, Free>;

xcb_connection_t *connection()
{
    auto *x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
    return x11 ? x11->connection() : nullptr;
}

xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    Reply<xcb_intern_atom_reply_t> reply(xcb_intern_atom_reply(
        c, xcb_intern_atom(c, 1, static_cast<uint16_t>(qstrlen(name)), name), nullptr));
    return reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
}

Reply<xcb_get_property_reply_t> property(const QWidget *window, const char *name, xcb_atom_t type)
{
    xcb_connection_t *c = connection();
    if (!c)
        return {};
    const xcb_atom_t which = atom(c, name);
    if (which == XCB_ATOM_NONE)
        return {};
    const auto id = static_cast<xcb_window_t>(window->winId());
    return Reply<xcb_get_property_reply_t>(
        xcb_get_property_reply(c, xcb_get_property(c, 0, id, which, type, 0, 64), nullptr));
}

} // namespace

QList<quint32> cardinals(const QWidget *window, const char *name)
{
    QList<quint32> values;
    const auto reply = property(window, name, XCB_ATOM_CARDINAL);
    if (!reply || reply->format != 32)
        return values;
    const auto *data = static_cast<const uint32_t *>(xcb_get_property_value(reply.get()));
    for (int i = 0; i < xcb_get_property_value_length(reply.get()) / 4; ++i)
        values.append(data[i]);
    return values;
}

QStringList atomNames(const QWidget *window, const char *name)
{
    QStringList names;
    const auto reply = property(window, name, XCB_ATOM_ATOM);
    if (!reply || reply->format != 32)
        return names;
    xcb_connection_t *c = connection();
    const auto *atoms = static_cast<const xcb_atom_t *>(xcb_get_property_value(reply.get()));
    for (int i = 0; i < xcb_get_property_value_length(reply.get()) / 4; ++i) {
        Reply<xcb_get_atom_name_reply_t> atomName(
            xcb_get_atom_name_reply(c, xcb_get_atom_name(c, atoms[i]), nullptr));
        if (atomName)
            names << QString::fromLatin1(xcb_get_atom_name_name(atomName.get()),
                                         xcb_get_atom_name_name_length(atomName.get()));
    }
    return names;
}

bool isViewable(const QWidget *window)
{
    xcb_connection_t *c = connection();
    if (!c || !window->internalWinId())
        return false;
    const auto id = static_cast<xcb_window_t>(window->internalWinId());
    Reply<xcb_get_window_attributes_reply_t> attributes(
        xcb_get_window_attributes_reply(c, xcb_get_window_attributes(c, id), nullptr));
    return attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE;
}

} // namespace Lanyard::Tests::BannerX11
