#include "lock/rolepage.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Lanyard::Shell {

QString roleLine(const Sso::Role &role)
{
    return QObject::tr("%1 — %2 (%3)").arg(role.name, role.organisation.name, role.organisation.code);
}

RolePage::RolePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rolePage"));
    auto *layout = new QVBoxLayout(this);
    auto *prompt = new QLabel(tr("Choose the &role you are working in today:"), this);
    prompt->setObjectName(QStringLiteral("rolePrompt"));
    prompt->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("roleList"));
    m_list->setAccessibleName(tr("Your roles"));
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setSpacing(4);
    prompt->setBuddy(m_list);
    auto *choose = new QPushButton(tr("Continue"), this);
    choose->setObjectName(QStringLiteral("roleChoose"));
    choose->setDefault(true);
    layout->addWidget(prompt);
    layout->addWidget(m_list);
    layout->addWidget(choose);
    connect(choose, &QPushButton::clicked, this, &RolePage::choose);
    connect(m_list, &QListWidget::itemActivated, this, &RolePage::choose);
}

void RolePage::offer(const QList<Sso::Role> &roles)
{
    m_list->clear();
    for (const Sso::Role &role : roles) {
        // Two lines, wrapped: a clinician must be able to read the whole organisation.
        auto *item = new QListWidgetItem(
            tr("%1\n%2 (%3)").arg(role.name, role.organisation.name, role.organisation.code), m_list);
        item->setData(Qt::AccessibleTextRole, roleLine(role));
        item->setData(Qt::UserRole, role.id);
    }
    m_list->setCurrentRow(0);
}

void RolePage::clear()
{
    m_list->clear();
}

void RolePage::focusList()
{
    m_list->setFocus(Qt::OtherFocusReason);
}

void RolePage::choose()
{
    if (QListWidgetItem *item = m_list->currentItem())
        emit roleChosen(item->data(Qt::UserRole).toString());
}

} // namespace Lanyard::Shell
